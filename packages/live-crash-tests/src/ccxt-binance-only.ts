// What the order-crash child needs of ccxt, and nothing else: its bundle resolves "ccxt" to this file (see
// ccxt-bundle-options.ts), so a child start loads ccxt's binance class and its base instead of every exchange.
// A file of ccxt's ES build, outside its package exports: the bundler reads it by path.
import binance from "../node_modules/ccxt/js/src/binance.js";

export default { binance };
