/** Next.js calls this once per server start: a misconfigured shop is stopped here, not by its first shopper. */
export async function register() {
  // Written as Next's docs show, so the Edge build drops the Node-only branch.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartOnBadSetup } = await import("./lib/setup/boot");
    refuseToStartOnBadSetup();
  }
}
