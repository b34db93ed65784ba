// The emulator's handset: polls the ledger every second and answers prompts through the control API.
const POLL_MS = 1000;
const DEFAULT_PHONE = "254708374149";
const money = new Intl.NumberFormat("en-KE");

const phoneInput = document.getElementById("phone");
const knownPhones = document.getElementById("known-phones");
const promptList = document.getElementById("prompts");
const noPrompts = document.getElementById("no-prompts");
const inbox = document.getElementById("messages");
const statusLine = document.getElementById("status");

// Cards are kept between polls so a PIN being typed is not wiped.
const cards = new Map();
let businessName = null;
let inboxKey = "";
let phonesKey = "";

function normalizePhone(text) {
  const digits = text.replace(/[\s+-]/g, "");
  if (/^0[17]\d{8}$/.test(digits)) return "254" + digits.slice(1);
  if (/^[17]\d{8}$/.test(digits)) return "254" + digits;
  return digits;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(path + " answered " + response.status);
  return response.json();
}

async function act(action, entry, card, extra) {
  card.querySelectorAll("button").forEach((button) => (button.disabled = true));
  statusLine.textContent = "Sending…";
  try {
    const response = await fetch("/__control/" + action, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: entry.checkoutRequestId, ...extra }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error);
    statusLine.textContent = action === "ignore" ? "Prompt ignored." : "Answer sent.";
  } catch (error) {
    statusLine.textContent = "Could not answer: " + error.message;
  }
  await refresh();
}

function merchantOf(entry) {
  return businessName || entry.accountReference;
}

function buildCard(entry) {
  const card = element("article", { class: "prompt" });
  const text = "Pay KES " + money.format(entry.amount) + " to " + merchantOf(entry) + "? Enter M-PESA PIN";
  card.append(
    element("p", { class: "prompt-text" }, text),
    element("p", { class: "meta" }, "Account no. " + entry.accountReference),
  );
  const countdown = element("p", { class: "meta countdown" });
  card.append(countdown);
  if (entry.ignored) return { card, countdown };
  const pinId = "pin-" + entry.checkoutRequestId;
  const pin = element("input", {
    id: pinId,
    type: "password",
    inputmode: "numeric",
    maxlength: "4",
    autocomplete: "off",
    value: "1234",
  });
  const actions = element("div", { class: "actions" });
  const button = (label, action, extra = () => ({}), className = "") => {
    const node = element("button", { type: "button", class: className }, label);
    node.addEventListener("click", () => act(action, entry, card, extra()));
    actions.append(node);
  };
  button("Pay", "pay", () => ({ pin: pin.value }), "primary");
  button("Wrong PIN", "wrong-pin");
  button("Cancel", "cancel");
  button("Insufficient funds", "insufficient");
  button("Ignore", "ignore");
  card.append(element("label", { for: pinId }, "M-PESA PIN"), pin, actions);
  return { card, countdown };
}

function renderPrompts(open) {
  const now = Date.now();
  for (const [id, shown] of cards) {
    const entry = open.find((e) => e.checkoutRequestId === id);
    if (!entry || entry.ignored !== shown.ignored) {
      shown.card.remove();
      cards.delete(id);
    }
  }
  for (const entry of open) {
    if (!cards.has(entry.checkoutRequestId)) {
      const built = buildCard(entry);
      promptList.append(built.card);
      cards.set(entry.checkoutRequestId, { ...built, ignored: entry.ignored });
    }
    const seconds = Math.max(0, Math.ceil((Date.parse(entry.timesOutAt) - now) / 1000));
    const prefix = entry.ignored ? "Ignored: it times out by itself in " : "Times out in ";
    cards.get(entry.checkoutRequestId).countdown.textContent = prefix + seconds + " s";
  }
  noPrompts.hidden = open.length > 0;
}

function messageOf(entry) {
  const when = new Date(entry.completedAt).toLocaleString("en-KE");
  if (entry.state === "paid") {
    return (
      entry.receipt +
      " Confirmed. Ksh" +
      money.format(entry.amount) +
      ".00 sent to " +
      merchantOf(entry) +
      " for account " +
      entry.accountReference +
      " on " +
      when +
      "."
    );
  }
  return "Not paid: " + entry.resultDesc + " (ResultCode " + entry.resultCode + "), " + when + ".";
}

// Money arriving from a business: a reversal of an earlier payment, or a B2C payment.
function receivedMessage(record) {
  const when = new Date(record.createdAt).toLocaleString("en-KE");
  const amount = "Ksh" + money.format(record.amount) + ".00";
  if (record.api === "reversal") {
    return (
      record.receipt +
      " Confirmed. Transaction " +
      record.transactionId +
      " has been reversed. " +
      amount +
      " is credited to your M-PESA account on " +
      when +
      "."
    );
  }
  return (
    record.receipt +
    " Confirmed. You have received " +
    amount +
    " from " +
    record.shortcode +
    " on " +
    when +
    "."
  );
}

// M-PESA's own confirmations (from the ledger and money sent back) and the shop's SMS (local AT inbox).
function renderInbox(settled, sms, received) {
  const messages = [
    ...received.map((r) => ({
      key: r.conversationId,
      at: r.createdAt,
      className: "received",
      text: receivedMessage(r),
    })),
    ...settled.map((e) => ({
      key: e.checkoutRequestId,
      at: e.completedAt,
      className: e.state,
      text: messageOf(e),
    })),
    ...sms.map((m) => ({ key: m.at + m.text, at: m.at, className: "sms", text: m.from + ": " + m.text })),
  ];
  const latest = messages.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 10);
  const key = latest.map((m) => m.key).join(",");
  if (key === inboxKey) return;
  inboxKey = key;
  inbox.replaceChildren(...latest.map((m) => element("li", { class: m.className }, m.text)));
}

function renderKnownPhones(entries) {
  const phones = [...new Set([DEFAULT_PHONE, ...entries.map((e) => e.phone)])];
  if (phones.join() === phonesKey) return;
  phonesKey = phones.join();
  knownPhones.replaceChildren(...phones.map((phone) => element("option", { value: phone })));
}

async function refresh() {
  try {
    const phone = normalizePhone(phoneInput.value);
    const [ledger, options, messages, received] = await Promise.all([
      getJson("/__control/ledger"),
      getJson("/__control/options"),
      getJson("/__control/inbox?to=" + encodeURIComponent(phone)),
      getJson("/__control/money-out/received?phone=" + encodeURIComponent(phone)),
    ]);
    businessName = options.businessName;
    const mine = ledger.entries.filter((entry) => entry.phone === phone);
    renderKnownPhones(ledger.entries);
    renderPrompts(mine.filter((entry) => entry.state === "open" && entry.shownOnPhone));
    renderInbox(
      mine.filter((entry) => entry.state !== "open"),
      messages.filter((m) => m.channel === "sms"),
      received.filter((r) => r.resultCode === "0"),
    );
    if (statusLine.textContent.startsWith("Emulator unreachable")) statusLine.textContent = "";
  } catch {
    statusLine.textContent = "Emulator unreachable, retrying…";
  }
}

function choosePhone() {
  const url = new URL(location.href);
  url.searchParams.set("phone", normalizePhone(phoneInput.value));
  history.replaceState(null, "", url);
  inboxKey = "";
  refresh();
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

// Lipa na M-PESA: the customer pays by hand (C2B); the emulator validates and confirms to the business.
const lipaResult = document.getElementById("lipa-result");

function c2bMessage(transaction) {
  if (transaction.outcome === "refused") {
    return "Failed. " + transaction.paidTo + " did not accept the payment (" + transaction.refusal + ").";
  }
  const account = transaction.billRefNumber ? " for account " + transaction.billRefNumber : "";
  return (
    transaction.transId +
    " Confirmed. Ksh" +
    money.format(transaction.amount) +
    ".00 sent to " +
    transaction.paidTo +
    account +
    " on " +
    new Date(transaction.createdAt).toLocaleString("en-KE") +
    "."
  );
}

function lipaForm(id, action, bodyOf) {
  const form = document.getElementById(id);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    lipaResult.textContent = "Sending…";
    try {
      const fields = Object.fromEntries(new FormData(form));
      const response = await fetch("/__control/" + action, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...bodyOf(fields), phone: normalizePhone(phoneInput.value) }),
      });
      const result = await response.json();
      if (!response.ok) throw new Error(result.error || "refused");
      lipaResult.textContent = c2bMessage(result);
    } catch (error) {
      lipaResult.textContent = "Failed: " + error.message;
    }
    button.disabled = false;
  });
}

lipaForm("paybill", "paybill", (f) => ({
  business: f.business,
  account: f.account,
  amount: Number(f.amount),
  pin: f.pin,
}));
lipaForm("buygoods", "buy-goods", (f) => ({ till: f.till, amount: Number(f.amount), pin: f.pin }));

phoneInput.value = new URL(location.href).searchParams.get("phone") || DEFAULT_PHONE;
phoneInput.addEventListener("input", choosePhone);
document.getElementById("pick").addEventListener("submit", (event) => {
  event.preventDefault();
  choosePhone();
});
poll();
