// The /__control HTTP routes: the control actions over JSON, for tests, scripts and the phone page.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ControlError, type EmulatorControl } from "./actions";
import { faultSpecSchema } from "./faults";
import { readBody, sendJson } from "../http-io";
import { parseOutcome, type Outcome } from "../daraja/stk/outcomes";
import { timerMs } from "../timer-ms";

const target = z.object({ target: z.string().min(1) });
const paySchema = target.extend({ pin: z.string().optional() });
const failSchema = target.extend({ code: z.union([z.number().int(), z.string().min(1)]) });
const outcomeSchema = z.string().transform((text, ctx): Outcome => {
  const outcome = parseOutcome(text);
  if (!outcome)
    ctx.addIssue({
      code: "custom",
      message: "pay | cancel | insufficient | wrong_pin | timeout | fail:<code>",
    });
  return outcome ?? "pay";
});
const ruleSchema = z.object({
  phone: z.string().min(5),
  outcome: outcomeSchema,
  delayMs: timerMs.optional(),
});
const manualPayment = {
  amount: z.coerce.number(),
  phone: z.string().min(5),
  pin: z.string().optional(),
};
const payBillSchema = z.object({ business: z.string().min(1), account: z.string(), ...manualPayment });
const buyGoodsSchema = z.object({ till: z.string().min(1), ...manualPayment });
const failNextSchema = z.object({
  resultCode: z.union([z.number().int(), z.string().min(1)]),
  resultDesc: z.string().optional(),
});
const balanceSchema = z.object({ amount: z.number().int().nonnegative() });
const autoPaySchema = z.object({ ms: timerMs.nullable() });
const optionsSchema = z
  .object({
    tokenLifetimeSec: z.number().positive(),
    singleTokenPerApp: z.boolean(),
    promptTimeoutMs: timerMs,
    timestampSkewSec: z.number().nonnegative(),
    duplicateAmountRule: z.boolean(),
    duplicateWindowMs: z.number().int().nonnegative(),
    autoPayMs: timerMs.nullable(),
    merchants: z.record(z.string(), z.string()),
    credentials: z.array(z.object({ consumerKey: z.string(), consumerSecret: z.string() })),
    acceptAnyCredentials: z.boolean(),
    businessName: z.string().nullable(),
    wrongPin: z.string(),
    callbackTimeoutMs: timerMs.positive(),
    callbackVarietySeed: z.number().int().nullable(),
    quiet: z.boolean(),
    c2bValidation: z.boolean(),
    c2bValidationTimeoutMs: z.number().int().positive(),
    c2bRegisterOnce: z.boolean(),
    c2bMsisdn: z.enum(["masked", "hashed", "plain"]),
    statusPayerPhone: z.enum(["plain", "masked"]),
    tills: z.record(z.string(), z.string()),
    customerFirstName: z.string(),
    initiators: z.record(z.string(), z.string()),
    b2cUtilityBalance: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

type Route = (body: unknown, query: URLSearchParams) => unknown;

function routes(control: EmulatorControl): Record<string, Route> {
  const optionalPhone = (query: URLSearchParams) => query.get("phone") ?? undefined;
  return {
    "POST /pay": (body) => {
      const { target: t, pin } = paySchema.parse(body);
      return control.pay(t, pin);
    },
    "POST /cancel": (body) => control.cancel(target.parse(body).target),
    "POST /fail": (body) => {
      const { target: t, code } = failSchema.parse(body);
      return control.fail(t, code);
    },
    "POST /timeout": (body) => control.timeout(target.parse(body).target),
    "POST /insufficient": (body) => control.insufficient(target.parse(body).target),
    "POST /wrong-pin": (body) => control.wrongPin(target.parse(body).target),
    "POST /ignore": (body) => control.ignore(target.parse(body).target),
    "GET /rules": () => control.rules(),
    "POST /rules": (body) => {
      const { phone, ...rule } = ruleSchema.parse(body);
      control.setRule(phone, rule);
      return control.rules();
    },
    "DELETE /rules": () => control.clearRules(),
    "POST /auto-pay": (body) => control.setAutoPay(autoPaySchema.parse(body).ms),
    "GET /faults": () => control.faults(),
    "POST /faults": (body) => control.fault(faultSpecSchema.parse(body)),
    "DELETE /faults": () => control.clearFaults(),
    "POST /reset": () => control.reset(),
    "POST /expire-tokens": () => control.expireTokens(),
    "GET /options": () => control.options(),
    "POST /options": (body) => control.setOptions(optionsSchema.parse(body)),
    "GET /log": () => control.log(),
    "GET /ledger": (_body, query) => control.ledger(optionalPhone(query)),
    "GET /deliveries": () => control.deliveries(),
    "GET /prompts": (_body, query) => control.prompts(optionalPhone(query)),
    "POST /paybill": (body) => {
      const { business, account, amount, phone, pin } = payBillSchema.parse(body);
      return control.payBill(business, account, amount, phone, pin);
    },
    "POST /buy-goods": (body) => {
      const { till, amount, phone, pin } = buyGoodsSchema.parse(body);
      return control.buyGoods(till, amount, phone, pin);
    },
    "GET /c2b": (_body, query) => control.c2bPayments(optionalPhone(query)),
    "GET /c2b/registrations": () => control.c2bRegistrations(),
    "GET /money-out": () => control.moneyOut(),
    "GET /money-out/received": (_body, query) => control.moneyOutDetails(optionalPhone(query)),
    "POST /money-out/fail-next": (body) => {
      const { resultCode, resultDesc } = failNextSchema.parse(body);
      control.failNextResult(String(resultCode), resultDesc);
      return { ok: true };
    },
    "GET /b2c-balance": () => ({ balance: control.b2cBalance() }),
    "POST /b2c-balance": (body) => ({ balance: control.setB2cBalance(balanceSchema.parse(body).amount) }),
  };
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError("Body is not JSON", 400);
  }
}

function errorAnswer(error: unknown): { status: number; body: { error: string; issues?: unknown } } {
  if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
  if (error instanceof z.ZodError)
    return { status: 400, body: { error: "Invalid control request", issues: error.issues } };
  return { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
}

export const CONTROL_PREFIX = "/__control";

/**
 * Any web page the developer visits could otherwise drive the local emulator: a cross-origin form or
 * text/plain fetch needs no CORS preflight. Only JSON bodies, and only from the emulator's own phone page
 * or from a client that sends no Origin (the CLI, tests): browsers send Origin with every POST and DELETE.
 */
function refusal(req: IncomingMessage): ControlError | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ""}`)
    return new ControlError(`Origin ${origin} may not use the control API`, 403);
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const hasBody =
    Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && type !== "application/json")
    return new ControlError("Send the control call as Content-Type: application/json", 415);
  return null;
}

/** JSON in, JSON out; the same operations as the EmulatorHandle's control methods. */
export async function serveControlCall(
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = routes(control)[`${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`];
  try {
    const refused = refusal(req);
    if (refused) throw refused;
    if (!route) throw new ControlError(`No control route ${req.method} ${url.pathname}`, 404);
    const body = await readBody(req);
    if (body.tooLarge) throw new ControlError("Body too large", 413);
    const result = await route(parseBody(body.text), url.searchParams);
    sendJson(res, 200, result ?? { ok: true });
  } catch (error) {
    const { status, body } = errorAnswer(error);
    sendJson(res, status, body);
  }
}
