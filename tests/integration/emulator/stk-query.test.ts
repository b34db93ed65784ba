import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "@/emulator";
import { bootEmulator, eatTimestamp, getToken, password, push, pushBody, query, SHORTCODE, startReceiver } from "./helpers";

describe("emulator STK query", () => {
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;
  beforeAll(async () => {
    emulator = await bootEmulator();
    receiver = await startReceiver();
    token = await getToken(emulator.url);
  });
  afterEach(() => emulator.control.reset());
  afterAll(async () => {
    await emulator.stop();
    await receiver.close();
  });

  const startPrompt = async () => {
    const answer = await push(emulator.url, token, pushBody(receiver.url));
    return String(answer.body.CheckoutRequestID);
  };

  it("answers 500 'being processed' while the prompt is open", async () => {
    const answer = await query(emulator.url, token, await startPrompt());
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ requestId: expect.any(String), errorCode: "500.001.1001", errorMessage: "The transaction is being processed" });
  });

  it("answers the final result with ResultCode as a string and no receipt", async () => {
    const id = await startPrompt();
    await emulator.control.cancel(id);
    const answer = await query(emulator.url, token, id);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ResponseCode: "0",
      ResponseDescription: "The service request has been accepted successsfully",
      MerchantRequestID: expect.any(String),
      CheckoutRequestID: id,
      ResultCode: "1032",
      ResultDesc: "Request cancelled by user",
    });
  });

  it("answers ResultCode '0' for a paid prompt", async () => {
    const id = await startPrompt();
    await emulator.control.pay(id);
    expect((await query(emulator.url, token, id)).body).toMatchObject({ ResultCode: "0" });
  });

  it("answers 500 'does not Exist' to an unknown CheckoutRequestID", async () => {
    const answer = await query(emulator.url, token, "ws_CO_01012026000000123708374149");
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ errorCode: "500.001.1001", errorMessage: "The transaction does not Exist" });
  });

  it("checks the token, the timestamp and the password like the push", async () => {
    const id = await startPrompt();
    expect((await query(emulator.url, "bad-token", id)).status).toBe(404);
    const stale = eatTimestamp(-3600);
    expect((await query(emulator.url, token, id, { Timestamp: stale, Password: password(stale) })).body).toMatchObject({
      errorMessage: "Bad Request - Invalid Timestamp",
    });
    expect((await query(emulator.url, token, id, { Password: password(eatTimestamp(), SHORTCODE, "nope") })).body).toMatchObject({
      errorMessage: "Wrong credentials",
    });
  });
});
