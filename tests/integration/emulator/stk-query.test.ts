import { describe, expect, it } from "vitest";
import { eatTimestamp, password, push, pushBody, query, SHORTCODE, withEmulator } from "./helpers";

describe("emulator STK query", () => {
  const setup = withEmulator();

  const startPrompt = async () => {
    const answer = await push(setup.emulator.url, setup.token, pushBody(setup.receiver.url));
    return String(answer.body.CheckoutRequestID);
  };

  it("answers 500 'being processed' while the prompt is open", async () => {
    const answer = await query(setup.emulator.url, setup.token, await startPrompt());
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      requestId: expect.any(String),
      errorCode: "500.001.1001",
      errorMessage: "The transaction is being processed",
    });
  });

  it("answers the final result with ResultCode as a string and no receipt", async () => {
    const id = await startPrompt();
    await setup.emulator.control.cancel(id);
    const answer = await query(setup.emulator.url, setup.token, id);
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
    await setup.emulator.control.pay(id);
    expect((await query(setup.emulator.url, setup.token, id)).body).toMatchObject({ ResultCode: "0" });
  });

  it("answers 500 'does not Exist' to an unknown CheckoutRequestID", async () => {
    const answer = await query(setup.emulator.url, setup.token, "ws_CO_01012026000000123708374149");
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({
      errorCode: "500.001.1001",
      errorMessage: "The transaction does not Exist",
    });
  });

  it("checks the token, the timestamp and the password like the push", async () => {
    const id = await startPrompt();
    expect((await query(setup.emulator.url, "bad-token", id)).status).toBe(404);
    const stale = eatTimestamp(-3600);
    expect(
      (await query(setup.emulator.url, setup.token, id, { Timestamp: stale, Password: password(stale) }))
        .body,
    ).toMatchObject({
      errorMessage: "Bad Request - Invalid Timestamp",
    });
    expect(
      (
        await query(setup.emulator.url, setup.token, id, {
          Password: password(eatTimestamp(), SHORTCODE, "nope"),
        })
      ).body,
    ).toMatchObject({
      errorMessage: "Wrong credentials",
    });
  });
});
