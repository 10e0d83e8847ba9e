import { describe, expect, it } from "vitest";
import { createKeyQueue } from "./key-queue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createKeyQueue", () => {
  it("runs one key's tasks one at a time in call order, other keys alongside", async () => {
    const queue = createKeyQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run("a", task("a1")), queue.run("a", task("a2")), queue.run("b", task("b1"))]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });

  it("goes on after a failed task and reports the failure to its caller only", async () => {
    const queue = createKeyQueue();
    const failed = queue.run("a", async () => {
      throw new Error("disk full");
    });
    const next = queue.run("a", async () => "ran");
    await expect(failed).rejects.toThrow("disk full");
    await expect(next).resolves.toBe("ran");
    await queue.idle();
  });
});
