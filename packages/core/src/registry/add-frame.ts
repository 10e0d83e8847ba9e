import { z } from "zod";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { FrameSchema } from "../spec/frame.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { frames } from "./registries.js";
import { dateField, intervalField, nameField } from "./schema-fields.js";

const frameSchema = z.looseObject({
  frameName: nameField,
  interval: intervalField,
  startDate: dateField,
  endDate: dateField,
  note: z.string().optional(),
});

/**
 * Registers a backtest window: ticks every `interval` over `[startDate, endDate)`.
 * @throws InvalidArgumentError naming the bad field, when `endDate` is not after `startDate`, or when the name is taken.
 */
export function addFrame(schema: FrameSchema): void {
  parseWithSchema("addFrame", frameSchema, schema);
  if (schema.endDate.getTime() <= schema.startDate.getTime()) {
    throw new InvalidArgumentError(
      "addFrame",
      "endDate",
      schema.endDate,
      `a date after startDate (${schema.startDate.toISOString()})`,
    );
  }
  frames.add("addFrame", schema.frameName, Object.freeze({ ...schema }));
}

/** Every registered frame, in registration order. */
export function listFrames(): FrameSchema[] {
  return frames.list();
}
