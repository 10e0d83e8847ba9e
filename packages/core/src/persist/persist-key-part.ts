import { createHash } from "node:crypto";
import { isPersistKeyPart } from "./assert-persist-key.js";

/** Names stored as they are: they already satisfy the key rule and contain no `_`. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const MAX = 128;
/** Hex digits of the hash that ends a shortened part, and the marker before it. */
const HASH_HEX = 32;
const HASH_MARKER = "__";
const PREFIX = MAX - HASH_MARKER.length - HASH_HEX;
/**
 * Prefix of a part whose body starts with an escape (a part must start with a letter or a digit) or with
 * `x_`. Prefixing the latter too means no unprefixed part starts with `x_`, so the prefix is never mistaken
 * for a name's own `x`, and the earlier encoding's `x_5Fx` (for `_x`) is nobody's part now.
 */
const PREFIX_MARK = "x_";
const HEX_PAIR = /^[0-9A-F]{2}$/;

/**
 * Maps a strategy name or a symbol to a persistence key part every adapter accepts (`A-Z a-z 0-9 . _ -`,
 * starting with a letter or a digit, at most 128 characters). The mapping is injective: two different names
 * never share a part, so they never share state.
 *
 * - Letters, digits, `.` and `-` stay as they are (`.` and `-` not in first place), so `BTCUSDT` and
 *   `sma-cross` are unchanged.
 * - Every other UTF-8 byte becomes `_XX` (upper-case hex), `_` itself included: `BTC/USDT` is `BTC_2FUSDT`,
 *   the literal `BTC_2FUSDT` is `BTC_5F2FUSDT`, `sma_cross` is `sma_5Fcross`. A lone surrogate is encoded
 *   as its 3-byte generalized UTF-8 form, so it does not collide with U+FFFD.
 * - A part that would start with an escape or with `x_` gets the prefix `x_`: `_x` is `x__5Fx`, `x/y` is
 *   `x_x_2Fy`. An encoded part never contains `__` anywhere else.
 * - A part longer than 128 characters keeps its first 94 characters, then `__` and 32 hex digits of a
 *   SHA-256 of the whole encoding: distinct from every full encoding, distinct names collide only if the hash does.
 *
 * {@link fromPersistKeyPart} inverts it. State written by the earlier, non-injective encoding is still found
 * where that is unambiguous (see `openStateSlot`).
 */
export function toPersistKeyPart(name: string): string {
  if (name.length <= MAX && PLAIN.test(name)) return name;
  let body = "";
  for (const byte of generalizedUtf8(name)) {
    const char = String.fromCharCode(byte);
    const keep = body === "" ? /[A-Za-z0-9]/.test(char) : /[A-Za-z0-9.-]/.test(char);
    body += keep ? char : `_${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  const part = body.startsWith("_") || body.startsWith(PREFIX_MARK) ? PREFIX_MARK + body : body;
  if (part.length <= MAX) return part;
  const hash = createHash("sha256").update(part).digest("hex").slice(0, HASH_HEX);
  return `${part.slice(0, PREFIX)}${HASH_MARKER}${hash}`;
}

/**
 * The name `part` encodes, or `undefined` for a string {@link toPersistKeyPart} never returns and for a
 * shortened (hashed) part, which cannot be decoded.
 */
export function fromPersistKeyPart(part: string): string | undefined {
  if (!isPersistKeyPart(part) || isShortenedPart(part)) return undefined;
  const body = part.startsWith(PREFIX_MARK) ? part.slice(PREFIX_MARK.length) : part;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] === "_") {
      const hex = body.slice(i + 1, i + 3);
      if (!HEX_PAIR.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else {
      bytes.push(body.charCodeAt(i));
      i += 1;
    }
  }
  const name = decodeGeneralizedUtf8(bytes);
  // Only the canonical spelling decodes: `a_41` is not how `aA` is encoded.
  return name !== undefined && toPersistKeyPart(name) === part ? name : undefined;
}

/** Whether `part` has the shape of a shortened part: 94 characters, `__`, 32 lower-case hex digits. */
export function isShortenedPart(part: string): boolean {
  return (
    part.length === MAX &&
    part.slice(PREFIX, PREFIX + HASH_MARKER.length) === HASH_MARKER &&
    /^[0-9a-f]+$/.test(part.slice(PREFIX + HASH_MARKER.length))
  );
}

/** UTF-8 bytes of `text`, with a lone surrogate written as its own 3-byte sequence instead of U+FFFD. */
function generalizedUtf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return bytes;
}

/** Inverse of `generalizedUtf8` for well-formed input; `undefined` for bytes it cannot decode. */
function decodeGeneralizedUtf8(bytes: readonly number[]): string | undefined {
  let text = "";
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const extra =
      lead < 0x80 ? 0 : lead >= 0xf0 && lead < 0xf8 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra > bytes.length - 1) return undefined;
    let code = extra === 0 ? lead : lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 63);
    }
    if (code > 0x10ffff) return undefined;
    text += String.fromCodePoint(code);
    i += extra + 1;
  }
  return text;
}
