import { createPaperBroker } from "@candlewick/core";
import { runBrokerConformance } from "./broker-conformance.js";

// The reference broker: core's paper broker, one account shared by every case (as a venue is).
const paper = createPaperBroker({ cash: 10_000, price: () => 100 });
runBrokerConformance("paper broker", () => paper, {
  symbol: "BTCUSDT",
  quoteCurrency: "USDT",
  quantity: 2,
  restingBuyPrice: 50,
  unaffordableQuantity: 1_000,
});
