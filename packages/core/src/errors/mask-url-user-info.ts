import { REDACTED } from "./redact-secrets.js";

/**
 * Masks the credentials of a string given as a connection URL, however malformed, for an error message.
 * `redactSecretsInText` masks well-formed `scheme://user:password@` URLs in any text; a URL option can be worse
 * than that: no scheme (`user:pw@host`), no username (`http://pw@host`), an unencoded `/` or `@` in the
 * password. So everything between `//` (or the start) and the last `@` is taken as user info: a username before
 * its first `:` is kept, the rest is masked. A string without `@` is returned as it is.
 */
export function maskUrlUserInfo(url: string): string {
  const at = url.lastIndexOf("@");
  if (at === -1) return url;
  const slashes = url.indexOf("//");
  const start = slashes !== -1 && slashes < at ? slashes + 2 : 0;
  const userInfo = url.slice(start, at);
  const colon = userInfo.indexOf(":");
  const masked = colon === -1 ? REDACTED : `${userInfo.slice(0, colon)}:${REDACTED}`;
  return url.slice(0, start) + masked + url.slice(at);
}
