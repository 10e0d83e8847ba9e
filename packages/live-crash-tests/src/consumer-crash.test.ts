import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanUpChildren, dedupe, eventsOf, runChild } from "./crash-harness.js";
import { WINDOW_START } from "./crash-scenario.js";

let workDir = "";

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-live-consumer-crash-"));
});
afterAll(async () => {
  await cleanUpChildren();
  await rm(workDir, { recursive: true, force: true });
});

// The kill point of the chain tests that found a lost result, on its own so it runs in seconds. run-live.ts used
// to clear the outbox before yielding: when one tick closed a position and opened the next, a process killed
// while its `for await` body handled the `closed` result never yielded the `opened` one, and the restarted
// process did not re-deliver it. The outbox now keeps every result the consumer has not received.
describe("Live.run killed while its consumer handles the first of two results of one tick", () => {
  it("delivers the second result after the restart", { timeout: 60_000 }, async () => {
    // The first 8 hours of the window are enough: such a tick comes early.
    const env = (name: string) => ({
      CRASH_PERSIST: "fs",
      CRASH_FS_DIR: join(workDir, name),
      CRASH_END: String(WINDOW_START + 8 * 60 * 60_000),
    });
    const reference = eventsOf(await runChild(env("reference"), { kind: "none" }));
    // The first tick that closes one signal and opens the next one.
    const index = reference.findIndex(
      (event, i) =>
        event.action === "closed" &&
        reference[i + 1]?.action === "opened" &&
        reference[i + 1]!.timestamp === event.timestamp,
    );
    expect(index).toBeGreaterThan(0);
    const closes = reference.slice(0, index + 1).filter((event) => event.action === "closed").length;
    const reopened = reference[index + 1]!;

    const killed = await runChild(env("chain"), { kind: "freeze", plan: `event:closed:${closes}` });
    expect(killed.signal).toBe("SIGKILL");
    expect(eventsOf(killed).at(-1)).toEqual(reference[index]);
    const restarted = await runChild(env("chain"), { kind: "none" });
    expect(restarted.code, restarted.stderr).toBe(0);

    const ofReopened = eventsOf(restarted).filter((event) => event.id === reopened.id);
    expect(ofReopened.map((event) => event.action)).toEqual(["opened", "closed"]);
    expect(dedupe([...eventsOf(killed), ...eventsOf(restarted)])).toEqual(reference);
  });
});
