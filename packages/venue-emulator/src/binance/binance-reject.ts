import { CandlewickError } from "@candlewick/core";

/**
 * A request the venue refuses, carried to the HTTP layer as Binance's reply: HTTP status and the `{code, msg}`
 * body. Thrown by the handlers and turned into a response; it never leaves the emulator.
 */
export class BinanceReject extends CandlewickError {
  readonly status: number;
  readonly binanceCode: number;
  readonly msg: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, binanceCode: number, msg: string, headers: Record<string, string> = {}) {
    super("VENUE_REJECT", `[venue-emulator] HTTP ${status} ${binanceCode}: ${msg}`, {
      details: { status, binanceCode },
    });
    this.status = status;
    this.binanceCode = binanceCode;
    this.msg = msg;
    this.headers = headers;
  }
}

/** Binance's own rejections, with the codes and messages its spot API sends. */
export const reject = {
  mandatory: (name: string) =>
    new BinanceReject(
      400,
      -1102,
      `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
    ),
  eitherOf: (a: string, b: string) =>
    new BinanceReject(400, -1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  illegalCharacters: (name: string, range: string) =>
    new BinanceReject(
      400,
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '${range}'.`,
    ),
  invalidSymbol: () => new BinanceReject(400, -1121, "Invalid symbol."),
  invalidSide: () => new BinanceReject(400, -1117, "Invalid side."),
  invalidOrderType: () => new BinanceReject(400, -1116, "Invalid orderType."),
  invalidTimeInForce: () => new BinanceReject(400, -1115, "Invalid timeInForce."),
  invalidInterval: () => new BinanceReject(400, -1120, "Invalid interval."),
  invalidLimit: () => new BinanceReject(400, -1130, "Data sent for parameter 'limit' is not valid."),
  notRequired: (name: string) => new BinanceReject(400, -1106, `Parameter '${name}' sent when not required.`),
  filter: (filter: string) => new BinanceReject(400, -1013, `Filter failure: ${filter}`),
  marketClosed: () => new BinanceReject(400, -1013, "Market is closed."),
  insufficientBalance: () =>
    new BinanceReject(400, -2010, "Account has insufficient balance for requested action."),
  duplicateOrder: () => new BinanceReject(400, -2010, "Duplicate order sent."),
  wouldTriggerImmediately: () => new BinanceReject(400, -2010, "Stop price would trigger immediately."),
  wouldMatch: () => new BinanceReject(400, -2010, "Order would immediately match and take."),
  unknownOrder: () => new BinanceReject(400, -2011, "Unknown order sent."),
  orderDoesNotExist: () => new BinanceReject(400, -2013, "Order does not exist."),
  apiKeyFormat: () => new BinanceReject(401, -2014, "API-key format invalid."),
  invalidApiKey: () => new BinanceReject(401, -2015, "Invalid API-key, IP, or permissions for action."),
  badSignature: () => new BinanceReject(400, -1022, "Signature for this request is not valid."),
  outsideRecvWindow: () =>
    new BinanceReject(400, -1021, "Timestamp for this request is outside of the recvWindow."),
  aheadOfServer: () =>
    new BinanceReject(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  recvWindowTooLarge: () => new BinanceReject(400, -1131, "recvWindow must be less than 60000"),
  listenKeyUnknown: () => new BinanceReject(400, -1125, "This listenKey does not exist."),
} as const;
