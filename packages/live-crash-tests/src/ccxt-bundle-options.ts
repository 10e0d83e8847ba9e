/**
 * How the order-crash child's bundle takes ccxt: only its binance class. ccxt's index loads every exchange it
 * ships (~0.6 s of each child start, most of a kill point's cost); `ccxt-binance-only.ts` exports the binance class
 * alone. ccxt's base class reaches dydx's protobuf codecs, which import `protobufjs`, an optional peer of ccxt
 * that is not installed: binance never decodes protobuf, so those imports get a stand-in that throws if used.
 */
import { fileURLToPath } from "node:url";
import type { BuildOptions, Plugin } from "esbuild";

const BINANCE_ONLY = fileURLToPath(new URL("./ccxt-binance-only.ts", import.meta.url));

const NO_PROTOBUF = `
const unavailable = () => { throw new Error("protobufjs is not part of the order-crash child"); };
const stand = new Proxy(function () {}, { get: () => stand, apply: unavailable, construct: unavailable });
export default stand;
export const util = stand, Reader = stand, Writer = stand, configure = () => {};
`;

const ccxtBinanceOnly: Plugin = {
  name: "ccxt-binance-only",
  setup(build) {
    build.onResolve({ filter: /^ccxt$/ }, () => ({ path: BINANCE_ONLY }));
    build.onResolve({ filter: /^protobufjs(\/|$)/ }, (args) => ({
      path: args.path,
      namespace: "no-protobuf",
    }));
    build.onLoad({ filter: /.*/, namespace: "no-protobuf" }, () => ({ contents: NO_PROTOBUF, loader: "js" }));
  },
};

export const ccxtBundleOptions: Partial<BuildOptions> = { plugins: [ccxtBinanceOnly] };
