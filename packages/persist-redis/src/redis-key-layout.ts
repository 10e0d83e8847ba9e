import type { PersistKey } from "@candlewick/core";
import { isPersistKeyPart } from "@candlewick/core";

/**
 * Where the adapter keeps things in Redis. Key parts never contain `:` and never start with `_`, so entity
 * keys, index keys and the keys of another deployment whose prefix nests in ours cannot collide.
 */
export const redisKeyLayout = {
  /** The string holding one entity's JSON: `<prefix>:<namespace>:<strategyName>:<symbol>`. */
  entity(prefix: string, key: PersistKey): string {
    return `${prefix}:${key.namespace}:${key.strategyName}:${key.symbol}`;
  },
  /** The set listing a namespace's entities as `<strategyName>:<symbol>` members. */
  index(prefix: string, namespace: string): string {
    return `${prefix}:_index:${namespace}`;
  },
  member(key: PersistKey): string {
    return `${key.strategyName}:${key.symbol}`;
  },
  /** The key a member stands for; `undefined` for a member this adapter cannot have written. */
  parseMember(namespace: string, member: string): PersistKey | undefined {
    const [strategyName, symbol, extra] = member.split(":");
    if (extra !== undefined || strategyName === undefined || symbol === undefined) return undefined;
    if (!isPersistKeyPart(strategyName) || !isPersistKeyPart(symbol)) return undefined;
    return { namespace, strategyName, symbol };
  },
};
