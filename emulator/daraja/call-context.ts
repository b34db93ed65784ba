// One incoming Daraja call: its headers, body and the emulator state it runs against.
import type { IncomingHttpHeaders } from "node:http";
import { isBodyRecord, type BodyRecord } from "./fields";
import type { EmulatorState } from "../state";

/** One Daraja API call, already read off the socket. */
export interface CallContext {
  state: EmulatorState;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  now: Date;
}

export function jsonObjectOf(body: string): BodyRecord | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return isBodyRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
