import { required } from "../binance/parse-new-order.js";
import type { SymbolFilters } from "../binance/symbol-filters.js";
import { type Atoms, DECIMAL_PATTERN, parseAtoms } from "../engine/decimal.js";
import type { NewOrder, TimeInForce } from "../engine/venue-order.js";
import { usdmReject } from "./usdm-reject.js";

const CLIENT_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;
/** Conditional types live on the algo order API since Binance's migration; /fapi/v1/order refuses them. */
const ALGO_TYPES = new Set([
  "STOP",
  "STOP_MARKET",
  "TAKE_PROFIT",
  "TAKE_PROFIT_MARKET",
  "TRAILING_STOP_MARKET",
]);
const TIME_IN_FORCE: readonly TimeInForce[] = ["GTC", "IOC", "FOK", "GTX"];

/**
 * Reads `POST /fapi/v1/order` as Binance USDⓈ-M does for the types the emulator matches (MARKET, LIMIT):
 * one-way mode (`positionSide` BOTH or absent), `reduceOnly`, the symbol's PRICE_FILTER, LOT_SIZE and
 * MARKET_LOT_SIZE with fapi's codes (the minimum notional and PERCENT_PRICE need the mark: checked later).
 */
export function parseUsdmOrder(
  params: URLSearchParams,
  filtersOf: (symbol: string) => SymbolFilters | undefined,
): NewOrder {
  const symbol = required(params, "symbol");
  const filters = filtersOf(symbol);
  if (filters === undefined) throw usdmReject.invalidSymbol();
  const side = required(params, "side");
  if (side !== "BUY" && side !== "SELL") throw usdmReject.invalidSide();
  const type = required(params, "type");
  if (ALGO_TYPES.has(type)) throw usdmReject.useAlgoApi();
  if (type !== "MARKET" && type !== "LIMIT") throw usdmReject.invalidOrderType();
  const positionSide = params.get("positionSide");
  if (positionSide !== null && positionSide !== "BOTH") throw usdmReject.positionSideMismatch();
  const reduceOnlyText = params.get("reduceOnly");
  if (reduceOnlyText !== null && reduceOnlyText !== "true" && reduceOnlyText !== "false") {
    throw usdmReject.invalidReduceOnly();
  }

  let timeInForce: TimeInForce | undefined;
  if (type === "LIMIT") {
    const text = required(params, "timeInForce") as TimeInForce;
    if (!TIME_IN_FORCE.includes(text)) throw usdmReject.invalidTimeInForce();
    timeInForce = text;
  }
  const quantity = decimal(params, "quantity");
  checkQuantity(quantity, type === "MARKET" ? (filters.marketLot ?? filters.lot) : filters.lot);
  let price: Atoms = 0n;
  if (type === "LIMIT") {
    price = decimal(params, "price");
    checkPrice(price, filters);
  }
  const clientOrderId = params.get("newClientOrderId") ?? "";
  if (clientOrderId !== "" && !CLIENT_ID_PATTERN.test(clientOrderId)) throw usdmReject.invalidClientOrderId();
  return {
    symbol,
    side,
    type,
    timeInForce,
    quantity,
    quoteOrderQty: 0n,
    price,
    stopPrice: 0n,
    clientOrderId,
    reduceOnly: reduceOnlyText === "true",
  };
}

function checkQuantity(quantity: Atoms, lot: SymbolFilters["lot"]): void {
  if (quantity <= 0n) throw usdmReject.quantityNotPositive();
  if (lot.step !== 0n && quantity % lot.step !== 0n) throw usdmReject.precision();
  if (quantity < lot.min) throw usdmReject.quantityBelowMin();
  if (quantity > lot.max) throw usdmReject.quantityAboveMax();
}

function checkPrice(price: Atoms, filters: SymbolFilters): void {
  const { min, max, tick } = filters.price;
  if (price <= 0n) throw usdmReject.priceNotPositive();
  if (price < min) throw usdmReject.priceBelowMin();
  if (max !== 0n && price > max) throw usdmReject.priceAboveMax();
  if (tick !== 0n && (price - min) % tick !== 0n) throw usdmReject.priceOffTick();
}

function decimal(params: URLSearchParams, name: string): Atoms {
  const text = required(params, name);
  if (!DECIMAL_PATTERN.test(text)) throw usdmReject.illegalCharacters(name, DECIMAL_PATTERN.source);
  // More than 8 decimals is finer than any USDⓈ-M tick or step.
  return parseAtoms(text) ?? throwPrecision();
}

function throwPrecision(): never {
  throw usdmReject.precision();
}
