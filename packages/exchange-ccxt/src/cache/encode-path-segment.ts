/**
 * A unified symbol as one directory name, readable and reversible: `/` becomes `_`, `:` becomes `__`, and any
 * other character outside `A-Z a-z 0-9 . -` (including `_` itself) is percent-encoded. So `BTC/USDT` is
 * `BTC_USDT`, `BTC/USDT:USDT` is `BTC_USDT__USDT`, and no symbol can climb out of the cache (`..` → `%2E.`).
 */
export function encodePathSegment(text: string): string {
  let encoded = "";
  for (const char of text) {
    if (char === "/") encoded += "_";
    else if (char === ":") encoded += "__";
    else if (/^[A-Za-z0-9.-]$/.test(char)) encoded += char;
    else
      encoded += [...Buffer.from(char, "utf8")]
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
        .join("");
  }
  return encoded.startsWith(".") ? `%2E${encoded.slice(1)}` : encoded;
}

/** Inverse of `encodePathSegment`. */
export function decodePathSegment(segment: string): string {
  return decodeURIComponent(segment.replace(/__/g, "%3A").replace(/_/g, "%2F"));
}
