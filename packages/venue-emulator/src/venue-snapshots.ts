/** An order at the venue, in Binance's `GET /api/v3/order` shape (amounts as 8-decimal strings). */
export interface VenueOrderSnapshot {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
  readonly status: "NEW" | "PARTIALLY_FILLED" | "FILLED" | "CANCELED" | "EXPIRED";
  readonly timeInForce: string;
  readonly type: string;
  readonly side: "BUY" | "SELL";
  readonly stopPrice: string;
  readonly time: number;
  readonly updateTime: number;
  readonly isWorking: boolean;
  readonly workingTime: number;
  /** USDⓈ-M only. */
  readonly reduceOnly?: boolean;
}

/** A fill, in Binance's `GET /api/v3/myTrades` shape. */
export interface VenueTradeSnapshot {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
  /** USDⓈ-M only: the PnL the fill realised. */
  readonly realizedPnl?: string;
}

/** A USDⓈ-M position (one-way mode), amounts as 8-decimal strings; `positionAmt` negative for a short. */
export interface VenuePositionSnapshot {
  readonly symbol: string;
  readonly positionAmt: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly unRealizedProfit: string;
  readonly notional: string;
  readonly leverage: number;
  readonly updateTime: number;
}

/** The USDⓈ-M margin account (cross, one asset): wallet = deposits + realised PnL − commissions. */
export interface VenueMarginSnapshot {
  readonly asset: string;
  readonly walletBalance: string;
  readonly unrealizedProfit: string;
  /** walletBalance + unrealizedProfit. */
  readonly marginBalance: string;
  /** Positions' initial margin at the mark plus what open orders lock. */
  readonly initialMargin: string;
  readonly maintMargin: string;
  /** marginBalance − initialMargin. */
  readonly availableBalance: string;
}
