// `npm run emulator`: starts the emulator on EMULATOR_PORT with options read from the environment.
import { optionsFromEnv } from "./env-options";
import { startEmulator } from "./index";

const USAGE = `Daraja emulator

  npm run emulator                          start the server (EMULATOR_PORT, default 4010)
  npm run emulator -- <command> [args]      act on a running emulator (EMULATOR_PORT as above, or EMULATOR_URL)

Commands (<target> is a CheckoutRequestID or a phone number: its oldest open prompt):
  pay <target> [pin]        insufficient <target>     wrong-pin <target>
  cancel <target>           timeout <target>          ignore <target>
  fail <code> <target>      rule <phone> <outcome> [delayMs]   (outcome: pay|cancel|insufficient|wrong_pin|timeout|fail:<code>)
  rules | clear-rules       auto-pay <ms|off>         fault '<json spec>' | faults | clear-faults
  prompts [phone]           ledger [phone]            log | deliveries | options
  expire-tokens             reset                     help
  inbox [to] | clear-inbox  inbox-fault '<json spec>' (SMS and email the shop sent; faults of those gateways)

Lipa na M-Pesa (C2B), as the customer paying by hand:
  paybill <business> <account> <amount> <phone>      buy-goods <till> <amount> <phone>
  c2b [phone]               c2b-registrations         cut-next-confirmation (arrives cut off)

Money out (Reversal, B2C) and their results:
  money-out                 money-received [phone]    b2c-balance [amount]
  fail-next-result <code> [description]               delay-next-result <ms>
  drop-next-result          duplicate-next-result     timeout-next-result (to QueueTimeOutURL)`;

interface ControlCall {
  method: "GET" | "POST" | "DELETE";
  path: string;
  body?: unknown;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new Error(`Missing ${what}.\n\n${USAGE}`);
  return value;
}

const query = (phone: string | undefined) => (phone ? `?phone=${encodeURIComponent(phone)}` : "");
const act =
  (path: string) =>
  (args: string[]): ControlCall => ({ method: "POST", path, body: { target: need(args[0], "target") } });

const resultFault = (kind: string, delayMs?: number): ControlCall => ({
  method: "POST",
  path: "/faults",
  body: { target: "result", kind, delayMs },
});

const COMMANDS: Record<string, (args: string[]) => ControlCall> = {
  pay: (args) => ({ method: "POST", path: "/pay", body: { target: need(args[0], "target"), pin: args[1] } }),
  cancel: act("/cancel"),
  timeout: act("/timeout"),
  insufficient: act("/insufficient"),
  "wrong-pin": act("/wrong-pin"),
  ignore: act("/ignore"),
  fail: (args) => ({
    method: "POST",
    path: "/fail",
    body: { code: need(args[0], "result code"), target: need(args[1], "target") },
  }),
  rule: (args) => ({
    method: "POST",
    path: "/rules",
    body: {
      phone: need(args[0], "phone"),
      outcome: need(args[1], "outcome"),
      delayMs: args[2] ? Number(args[2]) : undefined,
    },
  }),
  rules: () => ({ method: "GET", path: "/rules" }),
  "clear-rules": () => ({ method: "DELETE", path: "/rules" }),
  "auto-pay": (args) => ({
    method: "POST",
    path: "/auto-pay",
    body: { ms: need(args[0], "ms or off") === "off" ? null : Number(args[0]) },
  }),
  fault: (args) => ({
    method: "POST",
    path: "/faults",
    body: JSON.parse(need(args[0], "fault spec as JSON")) as unknown,
  }),
  faults: () => ({ method: "GET", path: "/faults" }),
  "clear-faults": () => ({ method: "DELETE", path: "/faults" }),
  prompts: (args) => ({ method: "GET", path: `/prompts${query(args[0])}` }),
  ledger: (args) => ({ method: "GET", path: `/ledger${query(args[0])}` }),
  log: () => ({ method: "GET", path: "/log" }),
  deliveries: () => ({ method: "GET", path: "/deliveries" }),
  options: () => ({ method: "GET", path: "/options" }),
  "expire-tokens": () => ({ method: "POST", path: "/expire-tokens" }),
  paybill: (args) => ({
    method: "POST",
    path: "/paybill",
    body: {
      business: need(args[0], "business number"),
      account: need(args[1], "account number"),
      amount: Number(need(args[2], "amount")),
      phone: need(args[3], "phone"),
    },
  }),
  "buy-goods": (args) => ({
    method: "POST",
    path: "/buy-goods",
    body: {
      till: need(args[0], "till number"),
      amount: Number(need(args[1], "amount")),
      phone: need(args[2], "phone"),
    },
  }),
  c2b: (args) => ({ method: "GET", path: `/c2b${query(args[0])}` }),
  "c2b-registrations": () => ({ method: "GET", path: "/c2b/registrations" }),
  "money-out": () => ({ method: "GET", path: "/money-out" }),
  "money-received": (args) => ({ method: "GET", path: `/money-out/received${query(args[0])}` }),
  "b2c-balance": (args) =>
    args[0]
      ? { method: "POST", path: "/b2c-balance", body: { amount: Number(args[0]) } }
      : { method: "GET", path: "/b2c-balance" },
  "fail-next-result": (args) => ({
    method: "POST",
    path: "/money-out/fail-next",
    body: { resultCode: need(args[0], "result code"), resultDesc: args.slice(1).join(" ") || undefined },
  }),
  "delay-next-result": (args) => resultFault("delay", Number(need(args[0], "delay in ms"))),
  "drop-next-result": () => resultFault("drop"),
  "cut-next-confirmation": () => ({
    method: "POST",
    path: "/faults",
    body: { target: "confirmation", kind: "cut" },
  }),
  "duplicate-next-result": () => resultFault("duplicate"),
  "timeout-next-result": () => resultFault("queueTimeout"),
  reset: () => ({ method: "POST", path: "/reset" }),
  inbox: (args) => ({ method: "GET", path: `/inbox${args[0] ? `?to=${encodeURIComponent(args[0])}` : ""}` }),
  "clear-inbox": () => ({ method: "DELETE", path: "/inbox" }),
  "inbox-fault": (args) => ({
    method: "POST",
    path: "/inbox/faults",
    body: JSON.parse(need(args[0], "fault spec as JSON")) as unknown,
  }),
};

async function callRunningEmulator(call: ControlCall): Promise<void> {
  // The same port the server was started on (npm run dev and npm run emulator read EMULATOR_PORT).
  const base = process.env.EMULATOR_URL || `http://127.0.0.1:${process.env.EMULATOR_PORT || 4010}`;
  const response = await fetch(`${base}/__control${call.path}`, {
    method: call.method,
    headers: { "content-type": "application/json" },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  console.log(
    text.startsWith("{") || text.startsWith("[") ? JSON.stringify(JSON.parse(text), null, 2) : text,
  );
  if (!response.ok) process.exitCode = 1;
}

async function serve(): Promise<void> {
  const emulator = await startEmulator(optionsFromEnv());
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined || command === "start" || command === "serve") return serve();
  if (command === "help" || command === "--help" || command === "-h") return void console.log(USAGE);
  const build = COMMANDS[command];
  if (!build) throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  await callRunningEmulator(build(args));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
