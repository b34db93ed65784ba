// The only door into lib/daraja: nothing outside this folder sees Daraja's wire format.
export { parseCallback } from "./callback";
export {
  C2B_CONFIRMATION_ACCEPTED,
  c2bValidationAnswer,
  parseC2bNotification,
  type C2bRejection,
} from "./c2b";
export { createDarajaClient } from "./client";
export {
  AMOUNT_MAX,
  AMOUNT_MIN,
  callbackUrlProblem,
  isValidAmount,
  sanitizeAccountReference,
  sanitizeDescription,
} from "./fields";
export { DarajaAuthError } from "./oauth";
export { InvalidPhoneError, maskPhone, normalizePhone, tryNormalizePhone } from "./phone";
export { describeResultCode, type ResultReason } from "./result-codes";
export { darajaPassword, darajaTimestamp, eatNumberToDate } from "./timestamp";
export type {
  C2bNotification,
  C2bRegisterResult,
  DarajaClient,
  DarajaConfig,
  DarajaError,
  PushResult,
  StkCallback,
  TransactionFacts,
} from "./types";
export { certificateFor, securityCredential } from "./initiator-credential";
export { b2cFacts, parseInitiatorResult, transactionFacts } from "./initiator-result";
export { describeInitiatorResult } from "./initiator-result-codes";
export type { InitiatorResult, InitiatorSubmit } from "./types";
