/**
 * How large a position is when the signal does not say (`cost` or `quantity` on the signal win):
 * - `fixed-cost`: spend `cost` quote currency (backtest-kit's default is 100);
 * - `equity-fraction`: spend `fraction` of the account's equity at the decision;
 * - `risk`: size so that a stop-loss exit loses `fraction` of equity, fees and slippage of both fills included.
 */
export type Sizing =
  | { readonly kind: "fixed-cost"; readonly cost: number }
  | { readonly kind: "equity-fraction"; readonly fraction: number }
  | { readonly kind: "risk"; readonly fraction: number };
