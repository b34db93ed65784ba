import { afterAll } from "vitest";

// Route handlers and server actions called here run their after-the-response work (messages, a callback's
// apply) detached, with no response to wait for (lib/http/after-response.ts). A file ends once that work has:
// its queries and logs must not outlive the file's database and worker.
afterAll(async () => {
  const { detachedTasksDone } = await import("@/lib/http/after-response");
  await detachedTasksDone();
});
