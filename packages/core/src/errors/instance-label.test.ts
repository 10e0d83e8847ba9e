import { describe, expect, it } from "vitest";
import { instanceLabel } from "./instance-label.js";

class Client {
  readonly password = "s3cret";
}

describe("instanceLabel", () => {
  it("names a class instance by its class, and an instance without a constructor name as an object", () => {
    expect(instanceLabel(new Client())).toBe("a Client");
    expect(instanceLabel(new URL("redis://u:p@h"))).toBe("a URL");
    const anonymous = Object.create({ constructor: { name: "" } }) as object;
    expect(instanceLabel(anonymous)).toBe("a object");
  });

  it("leaves plain objects, null-prototype objects, arrays and primitives to the caller", () => {
    for (const value of [{ a: 1 }, Object.create(null), [1], "x", 1, null, undefined]) {
      expect(instanceLabel(value)).toBeUndefined();
    }
  });
});
