import { callbackUrlProblem } from "@/lib/daraja";
import { type Env, EnvError, parseEnv } from "@/lib/env";

/** One line per problem, starting with the variable to change. */
type ConfigProblem = { variable: string; problem: string };

export const callbackUrlFor = (env: Env) => `${env.mpesa.callbackBaseUrl}/api/payments/callback/<token>`;

/** Why Daraja would refuse or silently drop this shop's CallBackURL, or null. */
export function callbackProblem(env: Env): string | null {
  // The token is hex, so a sample one stands for every real URL.
  const sample = `${env.mpesa.callbackBaseUrl}/api/payments/callback/0123456789abcdef`;
  return callbackUrlProblem(sample, env.mpesa.env);
}

/**
 * Configuration Daraja or the host cannot work with, beyond what lib/env refuses by itself: the shop
 * would start, then fail its first shopper.
 */
export function configProblems(env: Env): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const callback = callbackProblem(env);
  if (callback)
    problems.push({ variable: "PUBLIC_URL", problem: `the callback URL ${callbackUrlFor(env)} ${callback}` });
  if (env.mpesa.env === "emulator" && env.storage.onVercel)
    problems.push({
      variable: "MPESA_ENV",
      problem: "the Daraja emulator does not run on Vercel: set sandbox or production and your app's keys",
    });
  if (env.mpesa.transactionType === "CustomerPayBillOnline" && env.mpesa.tillNumber)
    problems.push({
      variable: "MPESA_TRANSACTION_TYPE",
      problem:
        "MPESA_TILL_NUMBER is set but payments go to the paybill: set CustomerBuyGoodsOnline for a till",
    });
  if (env.storage.onVercel && !env.storage.blobToken)
    problems.push({
      variable: "BLOB_READ_WRITE_TOKEN",
      problem: "Vercel does not keep uploaded files: connect a Blob store to this project (README)",
    });
  return problems;
}

/** Every problem in a configuration, lib/env's refusals included, as lines naming the variable. */
export function problemsIn(source: Record<string, string | undefined>): string[] {
  try {
    return configProblems(parseEnv(source)).map((p) => `${p.variable}: ${p.problem}`);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
}
