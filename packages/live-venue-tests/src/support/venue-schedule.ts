/**
 * The venue's clock in these tests (the emulator's `clock` option): the replay's now, plus actions to run once
 * when it first reaches a time, so a fault starts at a chosen minute of the replay (the emulator's faults have
 * an end, `untilVenueTime`, but no start). The emulator reads the clock before each request, so an action for
 * time `t` runs before the first request the venue receives at or after `t`.
 */
export class VenueSchedule {
  private readonly pending: { at: number; action: () => void }[] = [];
  /** When each action ran (venue time), in the order they ran. */
  readonly fired: number[] = [];

  constructor(private readonly clock: () => number) {}

  /** Runs `action` before the first request the venue gets at or after venue time `at`. */
  at(at: number, action: () => void): this {
    this.pending.push({ at, action });
    this.pending.sort((a, b) => a.at - b.at);
    return this;
  }

  now(): number {
    const now = this.clock();
    while (this.pending.length > 0 && this.pending[0]!.at <= now) {
      const next = this.pending.shift()!;
      this.fired.push(now);
      next.action();
    }
    return now;
  }
}
