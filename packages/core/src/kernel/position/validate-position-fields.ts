import { describeValue } from "../../errors/describe-value.js";
import type { PositionRules, TakeProfitRung } from "../../spec/position.js";

/** The size and rules a valid signal carries. */
export interface ValidPositionFields {
  readonly cost: number | undefined;
  readonly quantity: number | undefined;
  readonly rules: PositionRules | undefined;
}

type Fail = (field: string, reason: string) => never;

/** What a signal without a size or rules validates to: one shared object, so a plain bracket allocates nothing here. */
const NO_POSITION_FIELDS: ValidPositionFields = Object.freeze({
  cost: undefined,
  quantity: undefined,
  rules: undefined,
});

// Module-level helpers rather than closures per call: under a keep-names build (tsx) every named closure costs
// a defineProperty, and this runs once per signal.
function positive(fail: Fail, field: string, value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    fail(field, `"${field}" is ${describeValue(value)}; expected ${what}`);
  }
  return value as number;
}

function optionalObject(
  fail: Fail,
  raw: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const value = raw[field];
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(field, `"${field}" is ${describeValue(value)}; expected an object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Checks `cost`, `quantity`, `trailingStop`, `breakeven` and `takeProfitLadder` of a signal whose entry and
 * take-profit are known (`takeProfitDistance` in percent of the entry): every rung must lie short of the final
 * take-profit, nearer rungs first, and the fractions may not sum above 1.
 */
export function validatePositionFields(
  raw: Record<string, unknown>,
  takeProfitDistance: number,
  fail: Fail,
): ValidPositionFields {
  if (
    raw.cost === undefined &&
    raw.quantity === undefined &&
    raw.trailingStop === undefined &&
    raw.breakeven === undefined &&
    raw.takeProfitLadder === undefined
  ) {
    return NO_POSITION_FIELDS;
  }
  const cost = raw.cost === undefined ? undefined : positive(fail, "cost", raw.cost, "a quote amount > 0");
  const quantity =
    raw.quantity === undefined ? undefined : positive(fail, "quantity", raw.quantity, "a base quantity > 0");
  if (cost !== undefined && quantity !== undefined) {
    fail("quantity", `both "cost" (${cost}) and "quantity" (${quantity}) are set; expected one of them`);
  }
  const rules: { -readonly [K in keyof PositionRules]: PositionRules[K] } = {};
  const trailing = optionalObject(fail, raw, "trailingStop");
  if (trailing !== undefined) {
    const distancePercent = positive(
      fail,
      "trailingStop.distancePercent",
      trailing.distancePercent,
      "a percentage > 0",
    );
    const activation = trailing.activationPercent;
    if (
      activation !== undefined &&
      (typeof activation !== "number" || !Number.isFinite(activation) || activation < 0)
    ) {
      fail(
        "trailingStop.activationPercent",
        `"trailingStop.activationPercent" is ${describeValue(activation)}; expected a percentage ≥ 0`,
      );
    }
    rules.trailingStop = {
      distancePercent,
      ...(activation === undefined ? {} : { activationPercent: activation as number }),
    };
  }
  const breakeven = optionalObject(fail, raw, "breakeven");
  if (breakeven !== undefined) {
    const triggerPercent = positive(
      fail,
      "breakeven.triggerPercent",
      breakeven.triggerPercent,
      "a percentage > 0",
    );
    const offset = breakeven.offsetPercent;
    if (offset !== undefined && (typeof offset !== "number" || !Number.isFinite(offset) || offset < 0)) {
      fail(
        "breakeven.offsetPercent",
        `"breakeven.offsetPercent" is ${describeValue(offset)}; expected a percentage ≥ 0`,
      );
    }
    if (offset !== undefined && (offset as number) >= triggerPercent) {
      fail(
        "breakeven.offsetPercent",
        `"breakeven.offsetPercent" (${offset}) must be below "breakeven.triggerPercent" (${triggerPercent}): the stop would sit above the price that moved it`,
      );
    }
    rules.breakeven = {
      triggerPercent,
      ...(offset === undefined ? {} : { offsetPercent: offset as number }),
    };
  }
  if (raw.takeProfitLadder !== undefined) {
    const ladder = raw.takeProfitLadder;
    if (!Array.isArray(ladder) || ladder.length === 0) {
      fail(
        "takeProfitLadder",
        `"takeProfitLadder" is ${describeValue(ladder)}; expected a non-empty array of rungs`,
      );
    }
    const rungs: TakeProfitRung[] = [];
    let total = 0;
    let previous = 0;
    (ladder as unknown[]).forEach((item, i) => {
      const field = `takeProfitLadder[${i}]`;
      if (item === null || typeof item !== "object")
        fail(field, `"${field}" is ${describeValue(item)}; expected { distancePercent, fraction }`);
      const rung = item as Record<string, unknown>;
      const distancePercent = positive(
        fail,
        `${field}.distancePercent`,
        rung.distancePercent,
        "a percentage > 0",
      );
      const fraction = positive(fail, `${field}.fraction`, rung.fraction, "a share in (0, 1]");
      if (distancePercent <= previous) {
        fail(
          `${field}.distancePercent`,
          `"${field}.distancePercent" (${distancePercent}) must be above the previous rung's (${previous}): nearest rung first`,
        );
      }
      if (distancePercent >= takeProfitDistance) {
        fail(
          `${field}.distancePercent`,
          `"${field}.distancePercent" (${distancePercent}) must be short of the take-profit, which is ${round(takeProfitDistance)}% from the entry`,
        );
      }
      previous = distancePercent;
      total += fraction;
      rungs.push({ distancePercent, fraction });
    });
    if (total > 1 + 1e-9) {
      fail(
        "takeProfitLadder",
        `the rungs' fractions sum to ${round(total)}; expected at most 1 (the whole position)`,
      );
    }
    rules.takeProfitLadder = rungs;
  }
  return { cost, quantity, rules: Object.keys(rules).length === 0 ? undefined : rules };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
