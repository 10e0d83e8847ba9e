/**
 * What is wrong with a connection URL, in the words of an error's "expected ..." part, or `undefined` when
 * ioredis can use it. Checked up front because ioredis either throws a TypeError carrying the whole URL
 * (password included) or silently misreads it (`redis://host/x` selects database NaN).
 */
export function redisUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "a valid redis:// or rediss:// URL, e.g. redis://localhost:6379/0";
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    return "a redis:// or rediss:// URL, e.g. redis://localhost:6379/0";
  }
  if (parsed.hostname === "") return "a redis:// URL with a host, e.g. redis://localhost:6379";
  if (!/^(\/(\d+)?)?$/.test(parsed.pathname)) {
    return "a database number as the URL's path, e.g. redis://localhost:6379/0";
  }
  try {
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    return "a URL whose username and password are percent-encoded correctly";
  }
  return undefined;
}
