/** Next.js calls this once per server start: a misconfigured shop is stopped here, not by its first shopper. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkSetupAtBoot, SetupRefused } = await import("./lib/setup/boot");
  try {
    checkSetupAtBoot(process.env);
  } catch (e) {
    if (!(e instanceof SetupRefused)) throw e;
    console.error(e.message);
    // Throwing alone leaves `next start` serving errors; a stopped process is the clearer refusal.
    process.exit(1);
  }
}
