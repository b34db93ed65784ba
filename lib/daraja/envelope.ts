import { z } from "zod";

/** What an error body said, whatever its shape: the documented envelope, an Apigee fault, or nothing. */
export type Envelope = { errorCode?: string; errorMessage?: string; requestId?: string };

const text = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);

const darajaEnvelope = z.object({ requestId: text, errorCode: text, errorMessage: text });

// The API gateway in front of Daraja sometimes answers with its own fault shape instead of the envelope.
const gatewayFault = z.object({
  fault: z.object({ faultstring: text, detail: z.object({ errorcode: text }).optional().catch(undefined) }),
});

export function readEnvelope(body: unknown): Envelope {
  const fault = gatewayFault.safeParse(body);
  if (fault.success) {
    const { faultstring, detail } = fault.data.fault;
    return { errorCode: detail?.errorcode, errorMessage: faultstring };
  }
  const envelope = darajaEnvelope.safeParse(body);
  return envelope.success ? envelope.data : {};
}

const INVALID_TOKEN_CODE = "404.001.03";

export function isInvalidToken(envelope: Envelope): boolean {
  return envelope.errorCode === INVALID_TOKEN_CODE || /InvalidAccessToken$/.test(envelope.errorCode ?? "");
}
