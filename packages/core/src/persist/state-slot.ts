import { PersistError } from "../errors/persist-error.js";
import type { JsonValue, PersistAdapter, PersistKey } from "../spec/persist.js";
import { jsonTextWriteOf } from "./json-text-write.js";
import { isSoleLegacyOwner, toLegacyPersistKeyPart } from "./legacy-persist-key-part.js";
import { fromPersistKeyPart, isShortenedPart, toPersistKeyPart } from "./persist-key-part.js";

/** One entity's state under its key, with the state an older Candlewick wrote under the legacy key found too. */
export interface StateSlot {
  /** The key, from `toPersistKeyPart` of the names. */
  readonly key: PersistKey;
  /**
   * The stored value, or `undefined` when nothing is stored (a stored JSON `null` is returned as `null`, so
   * the caller can refuse it rather than take it for "no state"). When the key holds nothing but the legacy key (the earlier,
   * non-injective encoding) holds state that is certainly this entity's, that state is returned instead and
   * moved by the next {@link StateSlot.write}.
   * @throws PersistError when legacy state exists that several names may own.
   */
  read(): Promise<JsonValue | undefined>;
  /** Writes under the key; after a legacy read, then deletes the legacy key (only once the write resolved). */
  write(value: JsonValue): Promise<void>;
  /**
   * `write(JSON.parse(text))`, for a caller that has the JSON text of the value already: adapters that keep text
   * (the memory adapter) store it as it is, without checking and serialising the value again.
   */
  writeText(text: string): Promise<void>;
}

/** How one name's legacy part relates to it. */
export type LegacyPart =
  | "same" // the encoding did not change for this name
  | "sole" // the legacy part can only have been written by this name
  | "taken" // the legacy part is now another name's key part: not ours
  | "ambiguous"; // several names mapped there, none owns it now

/** Classifies `name`'s legacy part; exported for the test that checks no two names claim one legacy part. */
export function classifyLegacyPart(name: string): LegacyPart {
  const legacy = toLegacyPersistKeyPart(name);
  if (legacy === toPersistKeyPart(name)) return "same";
  if (fromPersistKeyPart(legacy) !== undefined || isShortenedPart(legacy)) return "taken";
  return isSoleLegacyOwner(name) ? "sole" : "ambiguous";
}

/**
 * Opens the state slot of (`namespace`, `strategyName`, `symbol`), names as the user gave them. Reading
 * state written by the legacy encoding keeps an upgrade from starting a strategy with an open position
 * from nothing; it is done only where no other name can own that state (`BTC/USDT`'s part did not change;
 * `sma_cross`, now `sma_5Fcross`, was `sma_cross`), and refused loudly where several can.
 */
export function openStateSlot(
  persist: PersistAdapter,
  namespace: string,
  names: { readonly strategyName: string; readonly symbol: string },
): StateSlot {
  const key: PersistKey = {
    namespace,
    strategyName: toPersistKeyPart(names.strategyName),
    symbol: toPersistKeyPart(names.symbol),
  };
  const legacyKey: PersistKey = {
    namespace,
    strategyName: toLegacyPersistKeyPart(names.strategyName),
    symbol: toLegacyPersistKeyPart(names.symbol),
  };
  const kinds = [classifyLegacyPart(names.strategyName), classifyLegacyPart(names.symbol)];
  let movePending = false;
  const moveLegacy = async () => {
    await persist.delete(legacyKey);
    movePending = false;
  };

  return {
    key,
    async read() {
      if (await persist.has(key)) return persist.read(key);
      if (kinds.includes("taken") || kinds.every((kind) => kind === "same")) return undefined;
      if (!(await persist.has(legacyKey))) return undefined;
      if (kinds.includes("ambiguous")) {
        const at = `${namespace}/${legacyKey.strategyName}/${legacyKey.symbol}`;
        const to = `${namespace}/${key.strategyName}/${key.symbol}`;
        throw new PersistError(
          persist.name,
          `state at ${at} was written by an older Candlewick whose key encoding mapped several names there ` +
            `(strategy ${JSON.stringify(names.strategyName)} on ${JSON.stringify(names.symbol)} among them), ` +
            `so it is not resumed automatically. Move it to the key of the name it belongs to; for this one ` +
            `that is ${to}. See @candlewick/persist-fs README, section Key encoding.`,
          { location: at },
        );
      }
      movePending = true;
      return persist.read(legacyKey);
    },
    async write(value) {
      await persist.write(key, value);
      if (movePending) await moveLegacy();
    },
    async writeText(text) {
      // Looked up per write: an adapter's `write` replaced after the slot opened is still the one used.
      const writeText = jsonTextWriteOf(persist);
      if (writeText === undefined) await persist.write(key, JSON.parse(text) as JsonValue);
      else await writeText(key, text);
      if (movePending) await moveLegacy();
    },
  };
}
