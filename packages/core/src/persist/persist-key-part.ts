import { createHash } from "node:crypto";

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX = 128;

/**
 * Maps a strategy name or a symbol to a persistence key part every adapter accepts (`A-Z a-z 0-9 . _ -`,
 * starting with a letter or digit, at most 128 characters): other characters become `_XX` (UTF-8 hex), so
 * `BTC/USDT` is stored as `BTC_2FUSDT` and `sma-cross:fast=10` as `sma-cross_3Afast_3D10`; plain names are
 * unchanged. Overlong names keep a readable prefix plus a hash of the whole name.
 */
export function toPersistKeyPart(name: string): string {
  let part = SAFE.test(name)
    ? name
    : [...Buffer.from(name, "utf8")]
        .map((byte, index) => {
          const char = String.fromCharCode(byte);
          const allowed = index === 0 ? /[A-Za-z0-9]/ : /[A-Za-z0-9._-]/;
          return byte < 128 && allowed.test(char)
            ? char
            : `_${byte.toString(16).toUpperCase().padStart(2, "0")}`;
        })
        .join("");
  if (part.startsWith("_")) part = `x${part}`;
  if (part.length > MAX)
    part = `${part.slice(0, MAX - 17)}-${createHash("sha256").update(name).digest("hex").slice(0, 16)}`;
  return part;
}
