import { BinanceReject, reject } from "../binance/binance-reject.js";
import type { SymbolFilters } from "../binance/symbol-filters.js";
import { type Atoms, formatAtoms } from "../engine/decimal.js";
import type { EngineRejects } from "../engine/ledger.js";
import type { MarginRejects } from "../engine/margin-account.js";

/** An amount as Binance's futures messages print it: no trailing zeros (`100`, `0.001`). */
export function plainDecimal(atoms: Atoms): string {
  return formatAtoms(atoms).replace(/\.?0+$/, "");
}

const bad = (code: number, msg: string) => new BinanceReject(400, code, msg);

/**
 * Binance USDⓈ-M's own rejections (fapi codes and messages). Authentication, timestamps, mandatory parameters
 * and unknown orders share spot's codes and are taken from `reject`.
 */
export const usdmReject = {
  ...reject,
  duplicateOrder: () => bad(-4116, "ClientOrderId is duplicated."),
  maxOpenOrders: () => bad(-2025, "Reach max open order limit."),
  insufficientMargin: () => bad(-2019, "Margin is insufficient."),
  reduceOnlyRejected: () => bad(-2022, "ReduceOnly Order is rejected."),
  minNotional: (min: Atoms) =>
    bad(
      -4164,
      `Order's notional must be no smaller than ${plainDecimal(min)} (unless you choose reduce only).`,
    ),
  wouldTriggerImmediately: () => bad(-2021, "Order would immediately trigger."),
  postOnlyWouldTake: () =>
    bad(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected."),
  precision: () => bad(-1111, "Precision is over the maximum defined for this asset."),
  quantityNotPositive: () => bad(-4003, "Quantity less than or equal to zero."),
  quantityBelowMin: () => bad(-4004, "Quantity less than min quantity."),
  quantityAboveMax: () => bad(-4005, "Quantity greater than max quantity."),
  priceNotPositive: () => bad(-4001, "Price less than 0."),
  priceAboveMax: () => bad(-4002, "Price greater than max price."),
  priceBelowMin: () => bad(-4013, "Price less than min price."),
  priceOffTick: () => bad(-4014, "Price not increased by tick size."),
  priceAboveCap: (cap: Atoms) => bad(-4016, `Limit price can't be higher than ${plainDecimal(cap)}.`),
  priceBelowFloor: (floor: Atoms) => bad(-4024, `Limit price can't be lower than ${plainDecimal(floor)}.`),
  useAlgoApi: () =>
    bad(
      -4120,
      "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.",
    ),
  invalidClientOrderId: () => bad(-4015, "Client order id is not valid."),
  positionSideMismatch: () => bad(-4061, "Order's position side does not match user's setting."),
  invalidReduceOnly: () => bad(-4062, "Invalid or improper reduceOnly value."),
  invalidLeverage: (value: string) => bad(-4028, `Leverage ${value} is not valid`),
  noNeedToChangeMarginType: () => bad(-4046, "No need to change margin type."),
  marginTypeNotModelled: () =>
    new BinanceReject(400, -4047, "Margin type cannot be changed: the emulator models cross margin only."),
  hedgeModeNotModelled: () =>
    new BinanceReject(400, -4067, "Position side cannot be changed: the emulator models one-way mode only."),
  noNeedToChangePositionSide: () => bad(-4059, "No need to change position side."),
} as const;

/** What the matching engine refuses, in USDⓈ-M's codes. */
export const usdmEngineRejects: EngineRejects = {
  marketClosed: reject.marketClosed,
  duplicateOrder: usdmReject.duplicateOrder,
  maxNumOrders: usdmReject.maxOpenOrders,
  lotSize: usdmReject.precision,
  notional: (filters: SymbolFilters) => usdmReject.minNotional(filters.notional?.min ?? 0n),
  wouldTriggerImmediately: usdmReject.wouldTriggerImmediately,
  wouldMatch: usdmReject.postOnlyWouldTake,
  unknownOrder: reject.unknownOrder,
};

/** What the margin account refuses. */
export const usdmMarginRejects: MarginRejects = {
  insufficientMargin: usdmReject.insufficientMargin,
  reduceOnlyRejected: usdmReject.reduceOnlyRejected,
};
