// autocannon ships no types: only what bench/callback-ingest.ts uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  type Result = {
    requests: { total: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  function autocannon(
    options: Record<string, unknown>,
    done: (err: Error | null, result: Result) => void,
  ): EventEmitter;
  export default autocannon;
}
