import { z } from "zod";
import { CANDLE_INTERVALS } from "../spec/interval.js";

/** zod building blocks shared by the `add*` schemas. */
export const nameField = z
  .string()
  .min(1, "a non-empty name")
  .max(200, "a name of at most 200 characters")
  .regex(/^[^\0/\\]+$/, "a name without '/', '\\' or NUL");

export const functionField = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === "function",
  "a function",
);

export const optionalFunctionField = functionField.optional();

export const intervalField = z.enum(CANDLE_INTERVALS, `one of ${CANDLE_INTERVALS.join(", ")}`);

export const dateField = z.custom<Date>(
  (value) => value instanceof Date && !Number.isNaN(value.getTime()),
  "a valid Date",
);
