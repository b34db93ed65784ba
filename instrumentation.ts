/** Runs once when the server starts, before it takes requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    // A missing or bad setting stops the server here with one line naming it, instead of a 500 per request.
    await import("./lib/env");
  } catch {
    process.exit(1);
  }
  const { stampPeerAddresses } = await import("./lib/http/peer-address");
  stampPeerAddresses();
}
