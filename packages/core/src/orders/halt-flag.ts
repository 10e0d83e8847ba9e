import { z } from "zod";
import { CandlewickError } from "../errors/candlewick-error.js";
import { toPersistKeyPart } from "../persist/persist-key-part.js";
import type { PersistAdapter, PersistKey } from "../spec/persist.js";

/**
 * A halted deployment's flag, kept under its own key (`halts/<strategy>/<symbol>`) beside the run's state so an
 * operator's process can write it while the run writes its state: the run reads it every tick and never writes
 * over it. It stays until an operator clears it, across restarts.
 */
export interface HaltFlag {
  readonly version: 1;
  /** Who halted it: an operator (`Live.halt`, `candlewick halt`) or the kill switch (`rails.maxDailyLoss`). */
  readonly by: "operator" | "kill_switch";
  readonly reason: string;
  /** Close the open position at market (and drop a scheduled entry) instead of leaving it with its stops. */
  readonly flatten: boolean;
  /** When it was set (ISO 8601). */
  readonly at: string;
}

const schema = z.strictObject({
  version: z.literal(1),
  by: z.enum(["operator", "kill_switch"]),
  reason: z.string().min(1),
  flatten: z.boolean(),
  at: z.string().min(1),
});

/** Which run a halt is about. */
export interface HaltTarget {
  readonly strategyName: string;
  readonly symbol: string;
}

/** The key of a run's halt flag: `halts/<strategy>/<symbol>`, encoded as the run's own state key is. */
export function haltKey(target: HaltTarget): PersistKey {
  return {
    namespace: "halts",
    strategyName: toPersistKeyPart(target.strategyName),
    symbol: toPersistKeyPart(target.symbol),
  };
}

/**
 * The run's halt flag, or null when it is not halted. A stored value that is not a halt flag is refused
 * (`BAD_HALT_FLAG`, naming the key): a run must not trade on because its stop sign is unreadable.
 */
export async function readHaltFlag(persist: PersistAdapter, target: HaltTarget): Promise<HaltFlag | null> {
  const key = haltKey(target);
  const stored = await persist.read(key);
  if (stored === null || stored === undefined) return null;
  const parsed = schema.safeParse(stored);
  if (!parsed.success) {
    const where = `${key.namespace}/${key.strategyName}/${key.symbol}`;
    throw new CandlewickError(
      "BAD_HALT_FLAG",
      `[core] the halt flag stored by persist-${persist.name} at ${where} is not a Candlewick halt flag (${parsed.error.issues[0]?.message ?? "bad shape"}); the run does not trade until it is fixed: clear it (candlewick halt --clear) or write a valid one`,
      { details: { key, adapter: persist.name } },
    );
  }
  return parsed.data;
}

/** Halts a run: writes its flag (a flag already there is kept: the first reason stands). */
export async function writeHaltFlag(
  persist: PersistAdapter,
  target: HaltTarget,
  flag: Omit<HaltFlag, "version" | "at"> & { readonly at?: string },
): Promise<HaltFlag> {
  const existing = await readHaltFlag(persist, target);
  if (existing !== null && !(flag.flatten && !existing.flatten)) return existing;
  const written: HaltFlag = {
    version: 1,
    by: existing?.by ?? flag.by,
    reason: existing?.reason ?? flag.reason,
    flatten: flag.flatten,
    at: existing?.at ?? flag.at ?? new Date().toISOString(),
  };
  await persist.write(haltKey(target), { ...written });
  return written;
}

/** Lets a halted run trade again on its next start: removes its flag (no flag is not an error). */
export async function clearHaltFlag(persist: PersistAdapter, target: HaltTarget): Promise<void> {
  await persist.delete(haltKey(target));
}
