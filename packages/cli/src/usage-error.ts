/** Exit codes of the `candlewick` CLI. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Bad command-line usage: printed as one line plus a hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The run cannot do what was asked, for a reason found in the data (not the command line): exit code 1, no stack. */
export class RunFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "RunFailure";
  }
}
