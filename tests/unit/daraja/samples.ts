// Payloads exactly as docs/daraja.md gives them.
export const SANDBOX_SHORTCODE = "174379";
export const SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

export const successCallback = {
  Body: {
    stkCallback: {
      MerchantRequestID: "29115-34620561-1",
      CheckoutRequestID: "ws_CO_191220191020363925",
      ResultCode: 0,
      ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: {
        Item: [
          { Name: "Amount", Value: 1.0 },
          { Name: "MpesaReceiptNumber", Value: "NLJ7RT61SV" },
          { Name: "Balance" },
          { Name: "TransactionDate", Value: 20191219102115 },
          { Name: "PhoneNumber", Value: 254708374149 },
        ],
      },
    },
  },
};

export const cancelledCallback = {
  Body: {
    stkCallback: {
      MerchantRequestID: "29115-34620561-1",
      CheckoutRequestID: "ws_CO_191220191020363925",
      ResultCode: 1032,
      ResultDesc: "Request cancelled by user",
    },
  },
};

export const oauthOk = { access_token: "c9SQxWWhmdVRlyh0zh8gZDTkubVF", expires_in: "3599" };

export const pushAccepted = {
  MerchantRequestID: "f1e2-4b95-a71d-b30d3cdbb7a7942864",
  CheckoutRequestID: "ws_CO_23052022122137653708374149",
  ResponseCode: "0",
  ResponseDescription: "Success. Request accepted for processing",
  CustomerMessage: "Success. Request accepted for processing",
};

export const queryFinal = {
  ResponseCode: "0",
  ResponseDescription: "The service request has been accepted successsfully",
  MerchantRequestID: "f1e2-4b95-a71d-b30d3cdbb7a7942864",
  CheckoutRequestID: "ws_CO_23052022122137653708374149",
  ResultCode: "1032",
  ResultDesc: "Request cancelled by user",
};

const envelope = (errorCode: string, errorMessage: string) => ({
  requestId: "9458-79414631-1",
  errorCode,
  errorMessage,
});

export const errors = {
  invalidPhone: envelope("400.002.02", "Bad Request - Invalid PhoneNumber"),
  invalidShortcode: envelope("400.002.02", "Bad Request - Invalid BusinessShortCode"),
  invalidToken: envelope("404.001.03", "Invalid Access Token"),
  invalidGrant: envelope("400.008.02", "Invalid grant type passed"),
  invalidAuth: envelope("400.008.01", "Invalid Authentication passed"),
  wrongCredentials: envelope("500.001.1001", "Wrong credentials"),
  noMerchant: envelope("500.001.1001", "Merchant does not exist"),
  subscriberLocked: envelope(
    "500.001.1001",
    "Unable to lock subscriber, a transaction is already in process for the current subscriber",
  ),
  busy: envelope("500.003.02", "System is busy. Please try again in few minutes."),
  spikeArrest: envelope("500.003.02", "Error Occurred: Spike Arrest Violation"),
  quota: envelope("500.003.03", "Quota Violation"),
  internal: envelope("500.003.1001", "Internal Server Error"),
  beingProcessed: envelope("500.001.1001", "The transaction is being processed"),
  notFound: envelope("500.001.1001", "The transaction does not Exist"),
};
