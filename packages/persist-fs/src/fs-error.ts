import { PersistError } from "@candlewick/core";

/** The `code` of a Node.js system error (`"ENOENT"`, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Wraps a file system failure into the `PersistError` the contract promises, naming the path. A
 * `PersistError` already raised by a step of the operation (a refused link, ...) is passed on as it is.
 */
export function fsError(action: string, path: string, cause: unknown): PersistError {
  if (cause instanceof PersistError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PersistError("fs", `cannot ${action} ${path}: ${reason}`, { location: path, cause });
}
