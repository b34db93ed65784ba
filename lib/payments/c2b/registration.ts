import "server-only";
import { callbackUrlProblem, type C2bRegisterResult } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { payments } from "../shared/context";
import { hashToken, newCallbackToken } from "../shared/identifiers";
import { logPaymentEvent } from "../shared/payment-log";

/** Path of the C2B URLs: the token segment authenticates M-Pesa (it signs nothing). No filtered words. */
const C2B_PATH = "/api/payments/paybill";

function c2bUrls(base: string, token: string) {
  return {
    confirmationUrl: `${base}${C2B_PATH}/${token}/confirm`,
    validationUrl: `${base}${C2B_PATH}/${token}/validate`,
  };
}

/** True for the token of any successful registration: Safaricom keeps calling the URLs it was given. */
export async function isRegisteredC2bToken(token: string): Promise<boolean> {
  if (!/^[0-9a-f]{48}$/.test(token)) return false;
  const found = await prisma.c2bRegistration.findFirst({
    where: { tokenHash: hashToken(token), ok: true },
    select: { id: true },
  });
  return found !== null;
}

type RegistrationOutcome = { ok: boolean; message: string };

/**
 * Registers the shop's confirmation and validation URLs with Daraja and keeps the outcome, in words the
 * owner can act on. ResponseType Completed: if our validation URL is slow, the payment still goes through
 * (and is confirmed) rather than being refused at the shopper's till.
 */
export async function registerC2bUrls(by: string): Promise<RegistrationOutcome> {
  const token = newCallbackToken();
  const urls = c2bUrls(payments().callbackBaseUrl, token);
  const problem = callbackUrlProblem(urls.confirmationUrl, env.mpesa.env);
  const outcome: RegistrationOutcome = problem
    ? {
        ok: false,
        message: `The shop's address cannot be registered: it ${problem}. Set PUBLIC_URL to the shop's public https address, redeploy, and register again.`,
      }
    : explain(await payments().daraja.registerC2bUrls({ responseType: "Completed", ...urls }));
  await prisma.c2bRegistration.create({
    data: {
      shortcode: env.mpesa.shortcode,
      tokenHash: hashToken(token),
      confirmationUrl: urls.confirmationUrl.replace(token, "…"),
      validationUrl: urls.validationUrl.replace(token, "…"),
      responseType: "Completed",
      ok: outcome.ok,
      message: outcome.message,
      registeredBy: by,
    },
  });
  logPaymentEvent({ event: "c2b.register", ok: outcome.ok, by, message: outcome.message });
  return outcome;
}

function explain(result: C2bRegisterResult): RegistrationOutcome {
  const shortcode = env.mpesa.shortcode;
  if (result.ok)
    return { ok: true, message: `Registered: M-Pesa will confirm Pay Bill payments to ${shortcode} here.` };
  const said = `Daraja answered${result.errorCode ? ` ${result.errorCode}` : ""} "${result.errorMessage}".`;
  if (/already registered/i.test(result.errorMessage))
    return {
      ok: false,
      message: `${said} Safaricom already has URLs for ${shortcode}; in production only Safaricom can change them. Ask Safaricom's API support to delete the registered URLs for ${shortcode}, then register again.`,
    };
  if (result.field === "ShortCode")
    return {
      ok: false,
      message: `${said} Check MPESA_SHORTCODE: it must be your paybill (or store) number.`,
    };
  if (result.field === "ConfirmationURL" || result.field === "ValidationURL")
    return {
      ok: false,
      message: `${said} Set PUBLIC_URL to the shop's public https address (no words such as "mpesa" in it) and register again.`,
    };
  if (result.httpStatus === 400 || result.httpStatus === 401 || result.httpStatus === 404)
    return {
      ok: false,
      message: `${said} Check MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET, and that your Daraja app has the C2B product.`,
    };
  return { ok: false, message: `${said} Try again in a few minutes.` };
}

/**
 * Against the bundled emulator the URLs register themselves when the server starts (instrumentation.ts),
 * so no owner action is needed in development, and no page does it while rendering. The emulator may come
 * up a moment after the server: a few tries, a second apart. Every start registers, even when the database
 * (kept in .data between `npm run dev` runs) has a success: the emulator keeps its registrations in memory
 * only, and one restarted beside the server would otherwise take Pay Bill payments and tell nobody.
 */
export async function registerWithEmulatorAtStart(tries = 20): Promise<void> {
  if (env.mpesa.env !== "emulator") return;
  for (let i = 0; i < tries; i++) {
    try {
      if ((await registerC2bUrls("automatic (emulator)")).ok) return;
    } catch (e) {
      logPaymentEvent({ event: "c2b.register_failed", error: e instanceof Error ? e.message : String(e) });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The last attempt (its words for the owner) and the last success (whose URLs M-Pesa still calls). */
export async function c2bRegistrationStatus() {
  const [latest, active] = await Promise.all([
    prisma.c2bRegistration.findFirst({ orderBy: { createdAt: "desc" } }),
    prisma.c2bRegistration.findFirst({ where: { ok: true }, orderBy: { createdAt: "desc" } }),
  ]);
  return { latest, active };
}
