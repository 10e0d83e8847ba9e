import {
  createEngine,
  type Engine,
  InvalidArgumentError,
  type RiskSchema,
  type StrategySchema,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";

const made: Engine[] = [];
afterEach(async () => {
  for (const engine of made.splice(0)) await engine.dispose();
});
function engine(): Engine {
  const created = createEngine();
  made.push(created);
  return created;
}

function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error("expected an InvalidArgumentError");
}

const risk = (patch: Record<string, unknown>) => ({ riskName: "r", ...patch }) as unknown as RiskSchema;

describe("addRisk rejects a bad schema, naming the field, the value and what was expected", () => {
  it.each([
    [{ riskName: "" }, "riskName", "", '[addRisk] "riskName" is ""; expected a non-empty name'],
    [{ riskName: undefined }, "riskName", undefined, undefined],
    [
      { maxConcurrentPositions: 0 },
      "maxConcurrentPositions",
      0,
      '[addRisk] "maxConcurrentPositions" is 0; expected a positive integer',
    ],
    [
      { maxConcurrentPositions: 2.5 },
      "maxConcurrentPositions",
      2.5,
      '[addRisk] "maxConcurrentPositions" is 2.5; expected a positive integer',
    ],
    [
      { maxPositionsPerSymbol: "1" },
      "maxPositionsPerSymbol",
      "1",
      '[addRisk] "maxPositionsPerSymbol" is "1"; expected a positive integer',
    ],
    [
      { maxExposure: -100 },
      "maxExposure",
      -100,
      '[addRisk] "maxExposure" is -100; expected a positive finite amount of quote currency',
    ],
    [
      { maxExposure: Number.POSITIVE_INFINITY },
      "maxExposure",
      Number.POSITIVE_INFINITY,
      '[addRisk] "maxExposure" is Infinity; expected a positive finite amount of quote currency',
    ],
    [
      { maxDailyLoss: 0 },
      "maxDailyLoss",
      0,
      '[addRisk] "maxDailyLoss" is 0; expected a positive finite amount of quote currency',
    ],
    [
      { maxDailyLoss: Number.NaN },
      "maxDailyLoss",
      Number.NaN,
      '[addRisk] "maxDailyLoss" is NaN; expected a positive finite amount of quote currency',
    ],
    [
      { validations: () => undefined },
      "validations",
      undefined,
      '[addRisk] "validations" is a function; expected an array of validations',
    ],
    [
      { validations: [() => undefined, "check"] },
      "validations.1",
      "check",
      '[addRisk] "validations.1" is "check"; expected a function, or an object { name?: non-empty string, validate: function }',
    ],
    [{ validations: [{ name: "x" }] }, "validations.0", { name: "x" }, undefined],
    [{ validations: [{ name: "", validate: () => undefined }] }, "validations.0", undefined, undefined],
    [
      { maxExposur: 500 },
      "maxExposur",
      500,
      '[addRisk] "maxExposur" is 500; expected no such option (misspelt?)',
    ],
    [{ note: 3 }, "note", 3, undefined],
  ])("%j → %s", (patch, field, value, message) => {
    const e = engine();
    const error = thrown(() => e.addRisk(risk(patch)));
    expect(error.field).toBe(field);
    if (value !== undefined) expect(error.value).toEqual(value);
    if (message !== undefined) expect(error.message).toBe(message);
    else expect(error.message.startsWith(`[addRisk] "${field}" is `)).toBe(true);
    expect(e.listRisks()).toEqual([]);
  });

  it("rejects a missing schema and a taken name", () => {
    const e = engine();
    expect(thrown(() => e.addRisk(undefined as unknown as RiskSchema)).message).toBe(
      '[addRisk] "(options)" is missing; expected object',
    );
    e.addRisk({ riskName: "r" });
    expect(thrown(() => e.addRisk({ riskName: "r", maxExposure: 5 })).message).toBe(
      '[addRisk] "riskName" is "r"; expected a name no risk is registered under yet',
    );
  });
});

describe('the reserved risk name "account"', () => {
  it("is refused at registration: the engine reports its own cash refusals under it", () => {
    const e = engine();
    const error = thrown(() => e.addRisk({ riskName: "account", maxExposure: 500 }));
    expect(error.field).toBe("riskName");
    expect(error.value).toBe("account");
    expect(error.message).toBe(
      '[addRisk] "riskName" is "account"; expected a name other than "account", which the engine\'s own cash checks are reported under',
    );
    expect(e.listRisks()).toEqual([]);
  });

  it("is refused only as the whole name (names that contain it are fine)", () => {
    const e = engine();
    e.addRisk({ riskName: "account-limits" });
    e.addRisk({ riskName: "Account" });
    expect(e.listRisks().map((r) => r.riskName)).toEqual(["account-limits", "Account"]);
  });
});

describe("addRisk, listRisks, removeRisk", () => {
  it("keeps a frozen copy in registration order; removing forgets it", () => {
    const e = engine();
    const validate = () => undefined;
    const schema = {
      riskName: "b",
      maxConcurrentPositions: 3,
      validations: [validate, { name: "named", validate }],
    };
    e.addRisk({ riskName: "a", maxExposure: 1_000.5, maxDailyLoss: 250, maxPositionsPerSymbol: 1 });
    e.addRisk(schema);
    const [a, b] = e.listRisks();
    expect(e.listRisks().map((r) => r.riskName)).toEqual(["a", "b"]);
    expect(a).toEqual({ riskName: "a", maxExposure: 1_000.5, maxDailyLoss: 250, maxPositionsPerSymbol: 1 });
    expect(Object.isFrozen(b)).toBe(true);
    expect(Object.isFrozen(b!.validations)).toBe(true);
    schema.validations.push(validate);
    expect(b!.validations).toHaveLength(2);
    expect(e.removeRisk("a")).toBe(true);
    expect(e.removeRisk("a")).toBe(false);
    expect(e.listRisks().map((r) => r.riskName)).toEqual(["b"]);
  });
});

describe("addStrategy: sizing, riskName, riskList and onOpenInterval", () => {
  const strategy = (patch: Record<string, unknown>) =>
    ({ strategyName: "s", interval: "1m", getSignal: () => null, ...patch }) as unknown as StrategySchema;

  it("accepts them, including riskName and riskList together", () => {
    const e = engine();
    e.addStrategy(
      strategy({
        sizing: { kind: "risk", fraction: 0.01 },
        riskName: "a",
        riskList: ["a", "b"],
        onOpenInterval: () => undefined,
      }),
    );
    expect(e.listStrategies()).toHaveLength(1);
  });

  it.each([
    [
      { sizing: { kind: "fixed-cost", cost: -1 } },
      "sizing.cost",
      '[addStrategy] "sizing.cost" is -1; expected a positive finite amount of quote currency',
    ],
    [
      { sizing: { kind: "all-in" } },
      "sizing.kind",
      '[addStrategy] "sizing.kind" is "all-in"; expected { kind: "fixed-cost", cost }, { kind: "equity-fraction", fraction } or { kind: "risk", fraction }',
    ],
    [
      { sizing: { kind: "risk", fraction: 1.5 } },
      "sizing.fraction",
      '[addStrategy] "sizing.fraction" is 1.5; expected a fraction of equity in (0, 1], e.g. 0.01 to lose 1% at the stop',
    ],
    [{ riskName: "" }, "riskName", '[addStrategy] "riskName" is ""; expected a non-empty name'],
    [{ riskName: 7 }, "riskName", undefined],
    [{ riskList: "a" }, "riskList", '[addStrategy] "riskList" is "a"; expected an array of risk names'],
    [{ riskList: ["a", ""] }, "riskList.1", '[addStrategy] "riskList.1" is ""; expected a non-empty name'],
    [
      { onOpenInterval: "later" },
      "onOpenInterval",
      '[addStrategy] "onOpenInterval" is "later"; expected a function',
    ],
  ])("%j → %s", (patch, field, message) => {
    const e = engine();
    const error = thrown(() => e.addStrategy(strategy(patch)));
    expect(error.field).toBe(field);
    if (message !== undefined) expect(error.message).toBe(message);
    expect(e.listStrategies()).toEqual([]);
  });
});
