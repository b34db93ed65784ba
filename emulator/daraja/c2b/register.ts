// Daraja's C2B URL registration (`/mpesa/c2b/v1|v2/registerurl`).
import { openApiCall } from "../api-call";
import type { CallContext } from "../call-context";
import { invalidField } from "../errors";
import { shortcodeFrom } from "../fields";
import { errorReply, type DarajaReply } from "../reply";
import type { ResponseType } from "./store";

// Documented for C2B URLs: Safaricom refuses URLs containing these words.
const FILTERED_URL_WORDS = ["mpesa", "m-pesa", "safaricom", "exe", "exec", "cmd", "sql", "query"];
const RESPONSE_TYPES: ResponseType[] = ["Completed", "Cancelled"];
const ALREADY_REGISTERED = {
  status: 500,
  errorCode: "500.003.1001",
  errorMessage: "Urls are already registered",
};

/** A well-formed http(s) URL without spaces or filtered words; localhost stays allowed for development. */
function c2bUrlFrom(value: unknown): string | null {
  if (typeof value !== "string" || /\s/.test(value) || !URL.canParse(value)) return null;
  const url = new URL(value);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
  const lower = value.toLowerCase();
  return FILTERED_URL_WORDS.some((word) => lower.includes(word)) ? null : value;
}

/** POST /mpesa/c2b/v1/registerurl and /mpesa/c2b/v2/registerurl */
export function handleC2bRegister(ctx: CallContext): DarajaReply {
  const { state } = ctx;
  const call = openApiCall(ctx);
  if (!call.ok) return call.reply;
  const { requestId, body } = call;
  const checks: [field: string, value: unknown][] = [
    ["ShortCode", shortcodeFrom(body.ShortCode)],
    ["ResponseType", RESPONSE_TYPES.find((t) => t === body.ResponseType) ?? null],
    ["ConfirmationURL", c2bUrlFrom(body.ConfirmationURL)],
    ["ValidationURL", c2bUrlFrom(body.ValidationURL)],
  ];
  const failed = checks.find(([, value]) => value === null);
  if (failed) return errorReply(invalidField(failed[0]), requestId);
  const [shortcode, responseType, confirmationUrl, validationUrl] = checks.map(([, v]) => String(v));
  if (state.options.c2bRegisterOnce && state.c2b.registrationOf(shortcode!))
    return errorReply(ALREADY_REGISTERED, requestId);
  state.c2b.register({
    shortcode: shortcode!,
    responseType: responseType as ResponseType,
    confirmationUrl: confirmationUrl!,
    validationUrl: validationUrl!,
    version: ctx.url.pathname.includes("/v2/") ? "v2" : "v1",
    registeredAt: ctx.now.toISOString(),
  });
  state.say(`C2B URLs registered for ${shortcode} (${responseType}): ${confirmationUrl}`);
  return {
    status: 200,
    body: {
      OriginatorCoversationID: state.ids.merchantRequestId(),
      ResponseCode: "0",
      ResponseDescription: "Success",
    },
  };
}
