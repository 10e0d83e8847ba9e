import { InvalidArgumentError } from "@candlewick/core";
import { UsageError } from "./usage-error.js";

/**
 * What queue-bullmq's options error says in the flags the user typed: a bad `connection` is `--redis` (its
 * value already has the password masked by queue-bullmq), a bad `queueName` is `--queue`. Any other error is
 * returned as it is, for the caller to rethrow.
 */
export function queueOptionUsageError(error: unknown): unknown {
  if (error instanceof InvalidArgumentError && error.field === "connection") {
    return new UsageError(`--redis is ${String(error.value)}`, `pass ${error.expected}`);
  }
  if (error instanceof InvalidArgumentError && error.field === "queueName") {
    return new UsageError(`--queue is ${JSON.stringify(error.value)}`, `pass ${error.expected}`);
  }
  return error;
}
