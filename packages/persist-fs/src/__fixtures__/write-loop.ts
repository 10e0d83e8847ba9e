// Child process of fs-persist.crash.test.ts, bundled by that test: writes one key in a loop until it is
// killed, printing the sequence number of each write once the write has resolved.
import { createFsPersist } from "../fs-persist.js";

/** A value whose every part derives from `seq`, so a mix of two writes or a truncated one shows. */
export function valueFor(seq: number) {
  const size = 1_000 + ((seq * 7_919) % 400_000);
  return { seq, size, payload: String.fromCharCode(97 + (seq % 26)).repeat(size) };
}

export const crashKey = { namespace: "signals", strategyName: "crash", symbol: "BTCUSDT" };

async function main(baseDir: string): Promise<void> {
  const persist = createFsPersist({ baseDir });
  const previous = (await persist.read(crashKey)) as { seq: number } | null;
  for (let seq = (previous?.seq ?? 0) + 1; ; seq += 1) {
    await persist.write(crashKey, valueFor(seq));
    // Pipes are synchronous on Linux: a printed number has reached the parent even if we die right after.
    process.stdout.write(`${seq}\n`);
  }
}

// Runs only as the spawned child; the test imports valueFor and crashKey from here too.
const childDir = process.env.CANDLEWICK_CRASH_CHILD_DIR;
if (childDir !== undefined) void main(childDir);
