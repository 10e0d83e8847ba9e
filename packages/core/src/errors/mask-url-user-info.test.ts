import { describe, expect, it } from "vitest";
import { maskUrlUserInfo } from "./mask-url-user-info.js";

describe("maskUrlUserInfo", () => {
  // Expected strings written out by hand, one per malformation the doc comment names.
  it.each([
    ["redis://admin:s3cret@host:6379/0", "redis://admin:[redacted]@host:6379/0"],
    ["admin:s3cret@host", "admin:[redacted]@host"],
    ["http://s3cret@host", "http://[redacted]@host"],
    ["redis://u:pa/ss@w@rd@host/1", "redis://u:[redacted]@host/1"],
    ["redis://host:6379/0", "redis://host:6379/0"],
    ["", ""],
  ])("%s -> %s", (url, masked) => {
    expect(maskUrlUserInfo(url)).toBe(masked);
  });
});
