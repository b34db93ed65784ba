// The /inbox page: the SMS and email the shop sent, as a developer reads them.
import type { InboxMessage } from "./store";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function card(m: InboxMessage): string {
  const head = `<p class="meta"><span class="tag ${m.channel}">${m.channel.toUpperCase()}</span> to <b>${escape(m.to)}</b> from ${escape(m.from)} · ${escape(new Date(m.at).toLocaleString("en-KE", { timeZone: "Africa/Nairobi" }))} EAT</p>`;
  if (m.channel === "sms") return `<article>${head}<p class="sms">${escape(m.text)}</p></article>`;
  // The email's own HTML, rendered in a sandbox: no scripts, no access to this page.
  const body = m.html
    ? `<iframe sandbox="" title="${escape(m.subject ?? "email")}" srcdoc="${escape(m.html)}"></iframe>`
    : `<pre>${escape(m.text)}</pre>`;
  return `<article>${head}<h2>${escape(m.subject ?? "(no subject)")}</h2>${body}<details><summary>Plain text</summary><pre>${escape(m.text)}</pre></details></article>`;
}

/** Every SMS and email the local gateways received, newest first; reloads itself every few seconds. */
export function inboxPageHtml(messages: InboxMessage[]): string {
  const cards = messages.slice().reverse().slice(0, 200).map(card).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3"><title>Inbox · local SMS and email</title><style>
body{margin:0;font-family:system-ui,sans-serif;background:#f5f5f4;color:#1c1917}main{max-width:760px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:0 0 4px}.hint{color:#57534e;margin:0 0 16px}article{background:#fff;border:1px solid #e7e5e4;border-radius:12px;padding:12px;margin:0 0 12px;overflow-wrap:anywhere}
.meta{font-size:.85rem;color:#57534e;margin:0 0 8px}.tag{display:inline-block;border-radius:6px;padding:1px 6px;font-weight:600;color:#fff}.tag.sms{background:#15803d}.tag.email{background:#1d4ed8}
h2{font-size:1rem;margin:0 0 8px}.sms{margin:0;white-space:pre-wrap}iframe{width:100%;height:420px;border:1px solid #e7e5e4;border-radius:8px;background:#fff}pre{white-space:pre-wrap;font-size:.85rem}
</style></head><body><main><h1>Inbox</h1><p class="hint">Every SMS (Africa's Talking stand-in) and email (local SMTP) the shop sent. Also as JSON: <a href="/__control/inbox">/__control/inbox</a>. Phone view: <a href="/phone">/phone</a>.</p>
${cards || '<p class="hint" id="empty">No messages yet.</p>'}</main></body></html>`;
}
