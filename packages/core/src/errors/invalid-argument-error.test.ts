import { CandlewickError, InvalidArgumentError, parseWithSchema } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";

describe("parseWithSchema", () => {
  it("names the field, the value and what was expected", () => {
    const schema = z.object({ limit: z.number().int().positive() });
    const error = (() => {
      try {
        parseWithSchema("test", schema, { limit: "ten" });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(CandlewickError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('[test] "limit" is "ten"; expected number');
  });

  it("shows the value of an unknown key where it is, also in a nested object", () => {
    const schema = z.object({ db: z.object({ host: z.string() }).strict() }).strict();
    expect(() => parseWithSchema("test", schema, { db: { host: "h", port2: 5 } })).toThrow(
      '[test] "db.port2" is 5; expected no such option (misspelt?)',
    );
  });
});
