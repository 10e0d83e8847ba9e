import type { ExchangeSchema } from "../spec/exchange.js";
import { CandleRepository } from "./candle-repository.js";

const repositories = new WeakMap<ExchangeSchema, CandleRepository>();

/** The process-wide candle repository of a registered exchange (one per exchange object). */
export function repositoryFor(exchange: ExchangeSchema): CandleRepository {
  let repository = repositories.get(exchange);
  if (repository === undefined) {
    repository = new CandleRepository(exchange);
    repositories.set(exchange, repository);
  }
  return repository;
}
