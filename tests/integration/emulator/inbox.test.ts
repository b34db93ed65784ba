// The local SMS gateway and SMTP inbox, checked against Africa's Talking's documented wire format directly.
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { withEmulator } from "./helpers";

const setup = withEmulator();
const KEY = "duka-emulator-at-key";

function sendSms(form: Record<string, string>, apiKey = KEY) {
  return fetch(`${setup.emulator.url}/version1/messaging`, {
    method: "POST",
    headers: { apiKey, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

async function inbox(query = "") {
  return (await (await fetch(`${setup.emulator.url}/__control/inbox${query}`)).json()) as {
    channel: string;
    to: string;
    from: string;
    subject?: string;
    text: string;
    html?: string;
    at: string;
  }[];
}

describe("Africa's Talking SMS stand-in", () => {
  it("names the field that is missing, as Africa's Talking does", async () => {
    for (const [form, field] of [
      [{ to: "+254711000001", message: "Hi" }, "username"],
      [{ username: "sandbox", message: "Hi" }, "to"],
      [{ username: "sandbox", to: "+254711000001" }, "message"],
    ] as const) {
      const response = await sendSms(form);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(`Request is missing required form field '${field}'`);
    }
  });

  it("answers 413 to a 1.5 MB body, and the connection serves the next request", async () => {
    const big = await sendSms({ username: "sandbox", to: "+254711000001", message: "x".repeat(1_500_000) });
    expect(big.status).toBe(413);
    const next = await sendSms({ username: "sandbox", to: "+254711000001", message: "after" });
    expect(next.status).toBe(201);
  });

  it("answers 201 with one status per recipient and keeps the message", async () => {
    setup.emulator.inbox.clear();
    const response = await sendSms({ username: "sandbox", to: "+254711000001,+254711000002", message: "Hi" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      SMSMessageData: {
        Message: string;
        Recipients: { statusCode: number; number: string; status: string }[];
      };
    };
    expect(body.SMSMessageData.Message).toBe("Sent to 2/2 Total Cost: KES 1.6000");
    expect(body.SMSMessageData.Recipients.map((r) => [r.statusCode, r.number, r.status])).toEqual([
      [101, "+254711000001", "Success"],
      [101, "+254711000002", "Success"],
    ]);
    expect(await inbox("?to=254711000002")).toEqual([
      expect.objectContaining({ channel: "sms", to: "+254711000002", text: "Hi" }),
    ]);
  });

  it("refuses a wrong apiKey with 401 plain text, and marks a malformed number 403 InvalidPhoneNumber", async () => {
    const refused = await sendSms({ username: "sandbox", to: "+254711000001", message: "x" }, "wrong");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("text/plain");
    const bad = await sendSms({ username: "sandbox", to: "0711", message: "x" });
    const body = (await bad.json()) as {
      SMSMessageData: { Recipients: { statusCode: number; status: string }[] };
    };
    expect(body.SMSMessageData.Recipients[0]).toMatchObject({
      statusCode: 403,
      status: "InvalidPhoneNumber",
    });
  });

  it("plays injected faults: a gateway error, then a rejected recipient, then normal again", async () => {
    await fetch(`${setup.emulator.url}/__control/inbox/faults`, {
      method: "POST",
      body: JSON.stringify({ target: "sms", kind: "error" }),
    });
    setup.emulator.inbox.addFault({ target: "sms", kind: "reject", statusCode: 405 });
    const form = { username: "sandbox", to: "+254711000003", message: "x" };
    expect((await sendSms(form)).status).toBe(500);
    const rejected = (await (await sendSms(form)).json()) as {
      SMSMessageData: { Recipients: { statusCode: number; status: string }[] };
    };
    expect(rejected.SMSMessageData.Recipients[0]).toMatchObject({
      statusCode: 405,
      status: "InsufficientBalance",
    });
    expect((await sendSms(form)).status).toBe(201);
  });
});

describe("local SMTP server", () => {
  it("keeps each email with its HTML and plain-text parts", async () => {
    setup.emulator.inbox.clear();
    const transport = nodemailer.createTransport(`smtp://127.0.0.1:${setup.emulator.smtpPort}`);
    await transport.sendMail({
      from: "Shop <shop@example.test>",
      to: "buyer@example.test",
      subject: "Order paid",
      text: "Plain",
      html: "<p>Rich</p>",
    });
    expect(await inbox("?to=BUYER@example.test")).toEqual([
      expect.objectContaining({
        channel: "email",
        to: "buyer@example.test",
        subject: "Order paid",
        text: "Plain",
        html: "<p>Rich</p>",
      }),
    ]);
    const page = await (await fetch(`${setup.emulator.url}/inbox`)).text();
    expect(page).toContain("Order paid");
  });

  it("answers 451 to an injected error (retry later) and 550 to a rejected recipient", async () => {
    const transport = nodemailer.createTransport(`smtp://127.0.0.1:${setup.emulator.smtpPort}`);
    const mail = { from: "shop@example.test", to: "x@example.test", subject: "s", text: "t" };
    setup.emulator.inbox.addFault({ target: "email", kind: "error" });
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    setup.emulator.inbox.addFault({ target: "email", kind: "reject" });
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 550 });
  });
});
