/** Track my order: a one-time code by SMS to the order's number; limits; no answer that reveals an order. */
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { checkTrackingCode, requestTrackingCode } from "@/lib/orders/tracking";
import { checkoutOk, createProduct, freshPhone, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();

async function placedOrder() {
  const product = await createProduct({ stock: 5, priceKes: 300 });
  const phone = freshPhone();
  const { order, publicId } = await checkoutOk(harness, product.id, phone);
  await harness.emulator.control.cancel(phone);
  return { order, publicId, phone };
}

/** The code in the SMS queued for this order (the outbox row the drain sends). */
async function codeSentFor(orderId: string): Promise<string> {
  const sms = await prisma.notification.findFirstOrThrow({
    where: { orderId, kind: "TRACKING_CODE" },
    orderBy: { createdAt: "desc" },
  });
  return /\b(\d{6})\b/.exec(sms.text)![1]!;
}

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

describe("track my order", () => {
  it("sends a code to the order's number and opens the order with it, once", async () => {
    const { order, publicId, phone } = await placedOrder();
    const clientIp = ip();
    // Typed as a shopper might: no dash, small letters.
    const typed = order.reference.replace("-", "").toLowerCase();
    expect(await requestTrackingCode({ reference: typed, phone, clientIp })).toEqual({ ok: true });
    const sms = await prisma.notification.findFirstOrThrow({
      where: { orderId: order.id, kind: "TRACKING_CODE" },
    });
    expect(sms.recipient).toBe(`+${phone}`);
    const code = await codeSentFor(order.id);
    expect(await checkTrackingCode({ reference: order.reference, phone, code, clientIp })).toEqual({
      ok: true,
      publicId,
    });
    // Spent: the same code does not open it twice.
    expect(await checkTrackingCode({ reference: order.reference, phone, code, clientIp })).toMatchObject({
      ok: false,
    });
  });

  it("answers a wrong reference or a wrong number exactly as a right one, and sends nothing", async () => {
    const { order, phone } = await placedOrder();
    const before = await prisma.notification.count({ where: { kind: "TRACKING_CODE" } });
    const wrongNumber = await requestTrackingCode({
      reference: order.reference,
      phone: freshPhone(),
      clientIp: ip(),
    });
    const wrongReference = await requestTrackingCode({ reference: "DK-ZZZZZZ", phone, clientIp: ip() });
    expect(wrongNumber).toEqual({ ok: true });
    expect(wrongReference).toEqual({ ok: true });
    expect(await prisma.notification.count({ where: { kind: "TRACKING_CODE" } })).toBe(before);
    // And a guessed code for someone else's order says no more than a wrong code does.
    expect(
      await checkTrackingCode({
        reference: order.reference,
        phone: freshPhone(),
        code: "123456",
        clientIp: ip(),
      }),
    ).toEqual(await checkTrackingCode({ reference: "DK-ZZZZZZ", phone, code: "123456", clientIp: ip() }));
  });

  it("limits codes per number and per reference, whether or not the order exists", async () => {
    const { order, phone } = await placedOrder();
    for (let i = 0; i < 3; i++)
      expect(await requestTrackingCode({ reference: order.reference, phone, clientIp: ip() })).toEqual({
        ok: true,
      });
    expect(await requestTrackingCode({ reference: order.reference, phone, clientIp: ip() })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many tries/),
    });
    const nobody = freshPhone();
    for (let i = 0; i < 3; i++)
      await requestTrackingCode({ reference: "DK-YYYYYY", phone: nobody, clientIp: ip() });
    expect(
      await requestTrackingCode({ reference: "DK-YYYYYY", phone: nobody, clientIp: ip() }),
    ).toMatchObject({
      ok: false,
    });
  });

  it("limits codes per network", async () => {
    const clientIp = ip();
    for (let i = 0; i < 10; i++)
      await requestTrackingCode({ reference: "DK-XXXXX2", phone: freshPhone(), clientIp });
    expect(
      await requestTrackingCode({ reference: "DK-XXXXX3", phone: freshPhone(), clientIp }),
    ).toMatchObject({
      ok: false,
    });
  });

  it("kills a code after five wrong guesses, even if the sixth is right", async () => {
    const { order, phone } = await placedOrder();
    await requestTrackingCode({ reference: order.reference, phone, clientIp: ip() });
    const code = await codeSentFor(order.id);
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++)
      expect(
        await checkTrackingCode({ reference: order.reference, phone, code: wrong, clientIp: ip() }),
      ).toMatchObject({
        ok: false,
      });
    expect(
      await checkTrackingCode({ reference: order.reference, phone, code, clientIp: ip() }),
    ).toMatchObject({
      ok: false,
    });
  });
});
