import { z } from "zod";
import type { ExchangeSchema } from "../spec/exchange.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { exchanges } from "./registries.js";
import { functionField, nameField, optionalFunctionField } from "./schema-fields.js";

const exchangeSchema = z.looseObject({
  exchangeName: nameField,
  getCandles: functionField,
  formatPrice: optionalFunctionField,
  formatQuantity: optionalFunctionField,
  maxCandlesPerRequest: z.number().int().positive().optional(),
  note: z.string().optional(),
  clock: z.custom<object>((value) => typeof value === "object" && value !== null, "a LiveClock").optional(),
});

/**
 * Registers a candle source under `exchangeName`. The object itself is kept (not copied), so an adapter
 * may hold state such as a client or a cache.
 * @throws InvalidArgumentError naming the bad field, or when the name is taken.
 */
export function addExchange(schema: ExchangeSchema): void {
  parseWithSchema("addExchange", exchangeSchema, schema);
  exchanges.add("addExchange", schema.exchangeName, schema);
}

/** Every registered exchange, in registration order. */
export function listExchanges(): ExchangeSchema[] {
  return exchanges.list();
}
