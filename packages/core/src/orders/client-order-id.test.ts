import { describe, expect, it } from "vitest";
import { clientOrderIdOf, isOwnClientOrderId } from "./client-order-id.js";

describe("clientOrderIdOf", () => {
  const signal = "2f1c8d0e-5b6a-4c3d-9e8f-7a6b5c4d3e2f";

  it("is sha256 of the signal id, 20 hex digits, behind the prefix, with the leg code", () => {
    // sha256("2f1c8d0e-5b6a-4c3d-9e8f-7a6b5c4d3e2f"), first 20 hex digits, computed with `sha256sum`.
    const digest = "49f1fc9b6ef24ac855b6";
    expect(clientOrderIdOf(signal, { kind: "entry" })).toBe(`cw${digest}-e`);
    expect(clientOrderIdOf(signal, { kind: "add", n: 2 })).toBe(`cw${digest}-a2`);
    expect(clientOrderIdOf(signal, { kind: "partial_exit", n: 1 })).toBe(`cw${digest}-x1`);
    expect(clientOrderIdOf(signal, { kind: "stop", n: 3 })).toBe(`cw${digest}-s3`);
    expect(clientOrderIdOf(signal, { kind: "take_profit", n: 1 })).toBe(`cw${digest}-t1`);
    expect(clientOrderIdOf(signal, { kind: "close" }, "live7")).toBe(`live7${digest}-c`);
  });

  it("fits Binance's newClientOrderId rule (^[.A-Z:/a-z0-9_-]{1,36}$) at its longest", () => {
    const id = clientOrderIdOf(signal, { kind: "partial_exit", n: 9_999_999_999 }, "abcdefgh");
    expect(id.length).toBeLessThanOrEqual(40);
    expect(clientOrderIdOf(signal, { kind: "stop", n: 99_999 }, "cw")).toMatch(/^[.A-Z:/a-z0-9_-]{1,36}$/);
  });

  it("tells its own ids from others", () => {
    expect(isOwnClientOrderId(clientOrderIdOf(signal, { kind: "stop", n: 12 }))).toBe(true);
    expect(isOwnClientOrderId(clientOrderIdOf(signal, { kind: "stop", n: 12 }, "other"))).toBe(false);
    expect(isOwnClientOrderId("web_3f9a1b2c4d5e6f708192")).toBe(false);
    expect(isOwnClientOrderId("cwmanual-order")).toBe(false);
  });

  it("rejects a bad prefix, signal id or leg number, naming it", () => {
    expect(() => clientOrderIdOf(signal, { kind: "entry" }, "c-w")).toThrow(
      /"prefix" is "c-w"; expected 1 to 8 letters or digits/,
    );
    expect(() => clientOrderIdOf("", { kind: "entry" })).toThrow(/"signalId"/);
    expect(() => clientOrderIdOf(signal, { kind: "add", n: 0 })).toThrow(/"leg.n" is 0/);
  });
});
