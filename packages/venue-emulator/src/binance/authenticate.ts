import { createHmac, timingSafeEqual } from "node:crypto";
import type { VenueRequest } from "../http/venue-request.js";
import { reject } from "./binance-reject.js";

/** Binance's endpoint security types the emulator checks. */
export type Security = "NONE" | "USER_STREAM" | "SIGNED";

export interface Credentials {
  readonly apiKey: string;
  readonly secret: string;
}

const MAX_RECV_WINDOW = 60_000;
const DEFAULT_RECV_WINDOW = 5_000;

/**
 * Checks a request as Binance does: the `X-MBX-APIKEY` header, then for SIGNED endpoints the timestamp
 * against `recvWindow` on the venue's clock (`timestamp < serverTime + 1000` and
 * `serverTime - timestamp <= recvWindow`), then the HMAC-SHA256 signature of the query string concatenated
 * with the body (the `signature` parameter left out).
 */
export function authenticate(
  request: VenueRequest,
  security: Security,
  credentials: Credentials,
  serverTime: number,
): void {
  if (security === "NONE") return;
  const key = header(request, "x-mbx-apikey");
  if (key === undefined || key === "" || !/^[A-Za-z0-9]{1,128}$/.test(key)) throw reject.apiKeyFormat();
  if (!equalText(key, credentials.apiKey)) throw reject.invalidApiKey();
  if (security === "USER_STREAM") return;

  const timestampText = request.params.get("timestamp");
  const timestamp = Number(timestampText);
  if (timestampText === null || !/^\d{1,16}$/.test(timestampText)) throw reject.mandatory("timestamp");
  const recvWindowText = request.params.get("recvWindow");
  const recvWindow = recvWindowText === null ? DEFAULT_RECV_WINDOW : Number(recvWindowText);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0) throw reject.mandatory("recvWindow");
  if (recvWindow > MAX_RECV_WINDOW) throw reject.recvWindowTooLarge();
  if (timestamp >= serverTime + 1000) throw reject.aheadOfServer();
  if (serverTime - timestamp > recvWindow) throw reject.outsideRecvWindow();

  const signature = request.params.get("signature");
  if (signature === null || signature === "") throw reject.mandatory("signature");
  const payload = withoutSignature(request.query) + withoutSignature(request.body);
  const expected = createHmac("sha256", credentials.secret).update(payload).digest("hex");
  if (!equalText(signature.toLowerCase(), expected)) throw reject.badSignature();
}

/** The raw parameter string minus its `signature=` pair, byte for byte otherwise. */
function withoutSignature(raw: string): string {
  return raw
    .split("&")
    .filter((pair) => pair !== "" && !pair.startsWith("signature="))
    .join("&");
}

function header(request: VenueRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
