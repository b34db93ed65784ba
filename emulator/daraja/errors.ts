// Daraja's error bodies (`requestId`, `errorCode`, `errorMessage`) and the codes the emulator answers.
export interface DarajaError {
  status: number;
  errorCode: string;
  errorMessage: string;
}

const LOCK_MESSAGE =
  "Unable to lock subscriber, a transaction is already in process for the current subscriber";

export const DARAJA_ERRORS = {
  invalidAuthentication: {
    status: 400,
    errorCode: "400.008.01",
    errorMessage: "Invalid Authentication passed",
  },
  invalidGrantType: { status: 400, errorCode: "400.008.02", errorMessage: "Invalid grant type passed" },
  invalidAccessToken: { status: 404, errorCode: "404.001.03", errorMessage: "Invalid Access Token" },
  resourceNotFound: { status: 404, errorCode: "404.001.01", errorMessage: "Resource not found" },
  invalidPayload: { status: 400, errorCode: "400.002.05", errorMessage: "Invalid Request Payload" },
  // Not in Daraja's documentation: its gateway's answer to a huge body is unknown, so a plain 413 here.
  payloadTooLarge: { status: 413, errorCode: "413.001.01", errorMessage: "Request Entity Too Large" },
  wrongCredentials: { status: 500, errorCode: "500.001.1001", errorMessage: "Wrong credentials" },
  merchantDoesNotExist: { status: 500, errorCode: "500.001.1001", errorMessage: "Merchant does not exist" },
  subscriberLocked: { status: 500, errorCode: "500.001.1001", errorMessage: LOCK_MESSAGE },
  beingProcessed: {
    status: 500,
    errorCode: "500.001.1001",
    errorMessage: "The transaction is being processed",
  },
  transactionDoesNotExist: {
    status: 500,
    errorCode: "500.001.1001",
    errorMessage: "The transaction does not Exist",
  },
  internalServerError: { status: 500, errorCode: "500.003.1001", errorMessage: "Internal Server Error" },
  systemBusy: {
    status: 500,
    errorCode: "500.003.02",
    errorMessage: "System is busy. Please try again in few minutes.",
  },
  spikeArrest: {
    status: 500,
    errorCode: "500.003.02",
    errorMessage: "Error Occurred: Spike Arrest Violation",
  },
  quotaViolation: { status: 500, errorCode: "500.003.03", errorMessage: "Quota Violation" },
} as const satisfies Record<string, DarajaError>;

export function invalidField(field: string): DarajaError {
  return { status: 400, errorCode: "400.002.02", errorMessage: `Bad Request - Invalid ${field}` };
}
