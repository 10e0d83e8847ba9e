import { InvalidArgumentError, instanceLabel, maskUrlUserInfo, parseWithSchema } from "@candlewick/core";
import type { z } from "zod";

/**
 * Validates options with core's `parseWithSchema`, then rebuilds the error without a secret: a `connection` URL
 * has its user info masked however malformed it is (core masks only well-formed URL passwords), a client or any
 * other class instance is shown by its class name, and the zod error is not kept as the cause.
 *
 * @throws InvalidArgumentError naming the first bad option, its (masked) value and what was expected.
 */
export function parseOptions<T extends z.ZodType>(
  component: string,
  schema: T,
  options: unknown,
): z.output<T> {
  try {
    return parseWithSchema(component, schema, options);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(component, error.field, safeValue(error.value), error.expected);
  }
}

function safeValue(value: unknown): unknown {
  if (typeof value === "string") return maskUrlUserInfo(value);
  return instanceLabel(value) ?? value;
}
