/** The first check a candidate failed: which risk, which rule, and a sentence saying why (with the numbers). */
export interface RiskCheckFailure {
  readonly riskName: string;
  /** A built-in limit's name (`maxConcurrentPositions`, …), a validation's `name`, or `validations[i]`. */
  readonly rule: string;
  readonly reason: string;
}
