import { createHash } from "node:crypto";

const LEGACY_SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** An `_XX` the legacy encoding may have produced from an escaped byte. */
const LEGACY_ESCAPE = /_[0-9A-F]{2}/;
/** The shape of a legacy shortened part: 128 characters ending in `-` and 16 hex digits of a hash. */
const LEGACY_HASHED = /^.{111}-[0-9a-f]{16}$/;
const MAX = 128;

/**
 * The key-part encoding of Candlewick before keys were made injective, kept only to find state written by it.
 * It left `_` unescaped, so `BTC/USDT` and the literal `BTC_2FUSDT` shared a part, as did `_x` and `x_5Fx`.
 * Do not use it for new keys.
 */
export function toLegacyPersistKeyPart(name: string): string {
  let part = LEGACY_SAFE.test(name)
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

/**
 * Whether `name` is the only name the legacy encoding mapped onto its legacy part, so state found there is
 * certainly its own. A name the legacy encoding escaped never is: the literal name spelled like its part
 * (`BTC_2FUSDT` for `BTC/USDT`) mapped there too. A plain name is, unless it contains an `_XX` an escaped
 * name could also have produced, or has the shape of a shortened part.
 */
export function isSoleLegacyOwner(name: string): boolean {
  return (
    name.length <= MAX && LEGACY_SAFE.test(name) && !LEGACY_ESCAPE.test(name) && !LEGACY_HASHED.test(name)
  );
}
