import { describe, expect, it } from "vitest";
import { createKeyedMutex } from "./keyed-mutex.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("createKeyedMutex", () => {
  it("runs tasks of one key one at a time, other keys alongside, and survives a failing task", async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      mutex.run("a", task("a1", true)),
      mutex.run("a", task("a2")),
      mutex.run("b", task("b1")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("a1 end")).toBeLessThan(log.indexOf("a2 start"));
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
  });
});
