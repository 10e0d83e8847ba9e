import { type Atoms, DECIMAL_PATTERN, parseAtoms } from "../engine/decimal.js";
import type { NewOrder, OrderSide, OrderType, TimeInForce } from "../engine/venue-order.js";
import { reject } from "./binance-reject.js";
import { lotFilterPasses, priceFilterPasses, type SymbolFilters } from "./symbol-filters.js";

const TYPES: readonly OrderType[] = [
  "MARKET",
  "LIMIT",
  "LIMIT_MAKER",
  "STOP_LOSS",
  "STOP_LOSS_LIMIT",
  "TAKE_PROFIT",
  "TAKE_PROFIT_LIMIT",
];
const CLIENT_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const DECIMAL_RANGE = DECIMAL_PATTERN.source;

/**
 * Reads `POST /api/v3/order` parameters as Binance does: mandatory fields per type, legal characters, and the
 * symbol's PRICE_FILTER and LOT_SIZE filters (NOTIONAL needs the market price and is checked by the engine).
 */
export function parseNewOrder(
  params: URLSearchParams,
  filtersOf: (symbol: string) => SymbolFilters | undefined,
): NewOrder {
  const symbol = required(params, "symbol");
  const filters = filtersOf(symbol);
  if (filters === undefined) throw reject.invalidSymbol();
  const side = required(params, "side");
  if (side !== "BUY" && side !== "SELL") throw reject.invalidSide();
  const type = required(params, "type") as OrderType;
  if (!TYPES.includes(type) || !filters.orderTypes.includes(type)) throw reject.invalidOrderType();

  const needsPrice = type === "LIMIT" || type === "LIMIT_MAKER" || type.endsWith("_LIMIT");
  const needsStop = type !== "MARKET" && type !== "LIMIT" && type !== "LIMIT_MAKER";
  const needsTimeInForce = type === "LIMIT" || type.endsWith("_LIMIT");
  let timeInForce: TimeInForce | undefined;
  if (needsTimeInForce) {
    const text = required(params, "timeInForce");
    if (text !== "GTC" && text !== "IOC" && text !== "FOK") throw reject.invalidTimeInForce();
    timeInForce = text;
  } else if (params.has("timeInForce")) throw reject.notRequired("timeInForce");

  let quantity: Atoms = 0n;
  let quoteOrderQty: Atoms = 0n;
  if (type === "MARKET" && !params.has("quantity")) {
    if (!params.has("quoteOrderQty")) throw reject.eitherOf("quantity", "quoteOrderQty");
    quoteOrderQty = decimal(params, "quoteOrderQty");
    if (quoteOrderQty <= 0n) throw reject.filter("NOTIONAL");
  } else {
    quantity = decimal(params, "quantity");
    if (!lotFilterPasses(filters.lot, quantity)) throw reject.filter("LOT_SIZE");
    if (
      type === "MARKET" &&
      filters.marketLot !== undefined &&
      !lotFilterPasses(filters.marketLot, quantity)
    ) {
      throw reject.filter("MARKET_LOT_SIZE");
    }
  }
  let price: Atoms = 0n;
  if (needsPrice) {
    price = decimal(params, "price");
    if (!priceFilterPasses(filters, price)) throw reject.filter("PRICE_FILTER");
  } else if (params.has("price")) throw reject.notRequired("price");
  let stopPrice: Atoms = 0n;
  if (needsStop) {
    stopPrice = decimal(params, "stopPrice");
    if (!priceFilterPasses(filters, stopPrice)) throw reject.filter("PRICE_FILTER");
  }
  const clientOrderId = params.get("newClientOrderId") ?? "";
  if (clientOrderId !== "" && !CLIENT_ID_PATTERN.test(clientOrderId)) {
    throw reject.illegalCharacters("newClientOrderId", CLIENT_ID_PATTERN.source);
  }
  return {
    symbol,
    side: side as OrderSide,
    type,
    timeInForce,
    quantity,
    quoteOrderQty,
    price,
    stopPrice,
    clientOrderId,
    reduceOnly: false,
  };
}

export function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") throw reject.mandatory(name);
  return value;
}

function decimal(params: URLSearchParams, name: string): Atoms {
  const text = required(params, name);
  if (!DECIMAL_PATTERN.test(text)) throw reject.illegalCharacters(name, DECIMAL_RANGE);
  const atoms = parseAtoms(text);
  if (atoms === undefined) {
    // More than 8 significant decimals: off every tick and step Binance spot uses.
    throw reject.filter(
      name === "quantity" ? "LOT_SIZE" : name === "quoteOrderQty" ? "NOTIONAL" : "PRICE_FILTER",
    );
  }
  return atoms;
}
