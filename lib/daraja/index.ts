// The only door into lib/daraja: nothing outside this folder sees Daraja's wire format.
export { parseCallback } from "./callback";
export {
  C2B_CONFIRMATION_ACCEPTED,
  c2bValidationAnswer,
  parseC2bNotification,
  type C2bRejection,
} from "./c2b";
export { createDarajaClient, DEFAULT_TIMEOUT_MS, type DarajaDeps } from "./client";
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
export { describeResultCode, type ResultDescription, type ResultReason } from "./result-codes";
export { darajaPassword, darajaTimestamp, eatNumberToDate } from "./timestamp";
export type {
  C2bNotification,
  C2bRegisterRequest,
  C2bRegisterResult,
  CallbackParse,
  DarajaClient,
  DarajaConfig,
  DarajaEnv,
  DarajaError,
  DarajaErrorKind,
  PushResult,
  QueryResult,
  StkCallback,
  StkPushRequest,
  TransactionType,
} from "./types";
