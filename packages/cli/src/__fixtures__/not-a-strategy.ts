/** A file without a defineStrategy default export, for the CLI's contract check. */
export const answer = 42;
