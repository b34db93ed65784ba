/** Result bodies as Daraja POSTs them to ResultURL (docs/daraja.md 8.5). */

export type ResultParameter = { Key: string; Value: string | number };

export interface ResultInput {
  resultCode: string;
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string;
  timeoutUrl: string;
  parameters?: ResultParameter[];
}

// Numbers where Daraja sends numbers (0, 2001), strings for the rest (R000001).
const codeValue = (code: string) => (/^\d+$/.test(code) ? Number(code) : code);

export function resultBody(input: ResultInput) {
  return {
    Result: {
      ResultType: 0,
      ResultCode: codeValue(input.resultCode),
      ResultDesc: input.resultDesc,
      OriginatorConversationID: input.originatorConversationId,
      ConversationID: input.conversationId,
      TransactionID: input.transactionId,
      ...(input.parameters?.length ? { ResultParameters: { ResultParameter: input.parameters } } : {}),
      ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: input.timeoutUrl } },
    },
  };
}

/** What the emulator sends to QueueTimeOutURL (the real body was not in our sources: Result-shaped). */
export function queueTimeoutBody(input: ResultInput) {
  return {
    Result: {
      ResultType: 1,
      ResultCode: "SVC0403",
      ResultDesc: "The request timed out in the queue",
      OriginatorConversationID: input.originatorConversationId,
      ConversationID: input.conversationId,
      TransactionID: input.transactionId,
      ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: input.timeoutUrl } },
    },
  };
}

export const SUCCESS = { resultCode: "0", resultDesc: "The service request is processed successfully." };
export const INITIATOR_INVALID = { resultCode: "2001", resultDesc: "The initiator information is invalid." };
export const INSUFFICIENT_BALANCE = {
  resultCode: "1",
  resultDesc: "The balance is insufficient for the transaction.",
};
export const ALREADY_REVERSED = {
  resultCode: "R000001",
  resultDesc: "The transaction has already been reversed.",
};
export const ORIGINAL_INVALID = { resultCode: "R000002", resultDesc: "The OriginalTransID is invalid." };
