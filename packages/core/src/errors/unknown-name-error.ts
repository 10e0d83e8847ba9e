import { CandlewickError } from "./candlewick-error.js";

/** A run referred to a strategy, exchange, frame or walker name nobody registered. */
export class UnknownNameError extends CandlewickError {
  readonly kind: string;
  readonly unknownName: string;
  readonly registered: readonly string[];

  constructor(kind: string, name: string, registered: readonly string[], kindPlural = `${kind}s`) {
    const known = registered.length > 0 ? registered.map((n) => `"${n}"`).join(", ") : "none";
    super("UNKNOWN_NAME", `[core] unknown ${kind} "${name}"; registered ${kindPlural}: ${known}`, {
      details: { kind, name, registered },
    });
    this.kind = kind;
    this.unknownName = name;
    this.registered = registered;
  }
}
