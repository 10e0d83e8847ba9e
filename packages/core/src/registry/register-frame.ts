import { z } from "zod";
import { frameTicks } from "../backtest/frame-ticks.js";
import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { FrameSchema } from "../spec/frame.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { dateField, intervalField, nameField } from "./schema-fields.js";

const frameSchema = z.looseObject({
  frameName: nameField,
  interval: intervalField,
  startDate: dateField,
  endDate: dateField,
  note: z.string().optional(),
});

/**
 * Registers a backtest window: ticks at `startDate` (rounded up to a whole minute) and every `interval` after
 * it, before `endDate`. Ticks are not aligned to the interval: a 1h frame from 10:24 ticks at 10:24, 11:24...
 * @throws InvalidArgumentError naming the bad field, when `endDate` is not after `startDate`, when the frame has
 * no tick at all, or when the name is taken.
 */
export function registerFrame(engine: EngineState, schema: FrameSchema): void {
  parseWithSchema("addFrame", frameSchema, schema);
  if (schema.endDate.getTime() <= schema.startDate.getTime()) {
    throw new InvalidArgumentError(
      "addFrame",
      "endDate",
      schema.endDate,
      `a date after startDate (${schema.startDate.toISOString()})`,
    );
  }
  frameTicks("addFrame", schema);
  engine.frames.add("addFrame", schema.frameName, Object.freeze({ ...schema }));
}
