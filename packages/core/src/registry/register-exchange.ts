import { z } from "zod";
import type { EngineState } from "../engine/engine-state.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { functionField, nameField, optionalFunctionField } from "./schema-fields.js";

const exchangeSchema = z.looseObject({
  exchangeName: nameField,
  getCandles: functionField,
  getCandleColumns: optionalFunctionField,
  formatPrice: optionalFunctionField,
  formatQuantity: optionalFunctionField,
  maxCandlesPerRequest: z.number().int().positive().optional(),
  note: z.string().optional(),
});

/**
 * Registers a candle source under `exchangeName`. The object itself is kept (not copied), so an adapter
 * may hold state such as a client or a cache.
 * @throws InvalidArgumentError naming the bad field, or when the name is taken.
 */
export function registerExchange(engine: EngineState, schema: ExchangeSchema): void {
  parseWithSchema("addExchange", exchangeSchema, schema);
  engine.exchanges.add("addExchange", schema.exchangeName, schema);
}
