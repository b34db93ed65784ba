/** Runs once when the server starts, before it takes requests. */
export async function register() {
  // Written as Next's docs show, so the Edge build drops the Node-only branch.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    try {
      // A missing or bad setting stops the server here with one line naming it, instead of a 500 per request.
      await import("./lib/env");
    } catch {
      process.exit(1);
    }
    const { stampPeerAddresses } = await import("./lib/http/peer-address");
    stampPeerAddresses();
    // Then what Daraja or the host cannot work with: refused in a real deployment, warned about locally.
    const { refuseToStartOnBadSetup } = await import("./lib/setup/boot");
    refuseToStartOnBadSetup();
    // Against the bundled emulator, Pay Bill URLs register at start (never during a page render).
    const { registerWithEmulatorAtStart } = await import("./lib/payments/c2b/registration");
    void registerWithEmulatorAtStart();
  }
}
