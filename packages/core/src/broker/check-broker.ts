import { z } from "zod";
import { functionField, optionalFunctionField } from "../registry/schema-fields.js";
import type { Broker } from "../spec/broker.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { ORDER_TYPES } from "./order-types.js";

const brokerSchema = z.looseObject({
  specificationVersion: z.literal("v1", 'the broker contract version "v1"'),
  brokerName: z
    .string()
    .min(1, "a non-empty name")
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'"),
  capabilities: z.strictObject(
    {
      orderTypes: z.array(z.enum(ORDER_TYPES)).min(1, "at least the market order type"),
      positions: z.boolean(),
      maxClientOrderIdLength: z.int().min(16, "at least 16 characters (a client order id needs 23 or more)"),
    },
    { error: "{ orderTypes, positions, maxClientOrderIdLength }" },
  ),
  createOrder: functionField,
  cancelOrder: functionField,
  fetchOrder: functionField,
  fetchOpenOrders: functionField,
  fetchFills: functionField,
  fetchBalance: functionField,
  fetchPositions: optionalFunctionField,
  fetchMarket: optionalFunctionField,
  close: optionalFunctionField,
});

/**
 * Checks a broker given to a live run: the contract version, a name, capabilities and every method.
 * @throws InvalidArgumentError naming the field when `broker` does not satisfy the contract.
 */
export function checkBroker(component: string, broker: unknown): Broker {
  parseWithSchema(component, brokerSchema, broker);
  return broker as Broker;
}
