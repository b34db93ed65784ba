import { describe, expect, it } from "vitest";
import { serverActionRefusal } from "@/lib/http/server-action-gate";

const action = (headers: Record<string, string>) =>
  serverActionRefusal("POST", new Headers({ "next-action": "7f7f", host: "shop.example", ...headers }));

describe("server action posts, before Next.js sees them", () => {
  it("refuses another site's origin with 403 and a body over 4.5 MB with 413", () => {
    expect(action({ origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(action({ origin: "null" })).toMatchObject({ status: 403 });
    expect(
      action({ origin: "https://shop.example", "content-length": String(5 * 1024 * 1024) }),
    ).toMatchObject({
      status: 413,
    });
  });

  it("lets the shop's own forms through, and leaves every other request alone", () => {
    expect(action({ origin: "https://shop.example", "content-length": "2048" })).toBeNull();
    expect(action({ origin: "https://shop.example", "x-forwarded-host": "shop.example" })).toBeNull();
    expect(serverActionRefusal("POST", new Headers({ origin: "https://evil.example" }))).toBeNull();
    expect(
      serverActionRefusal("GET", new Headers({ "next-action": "x", origin: "https://evil.example" })),
    ).toBeNull();
  });
});
