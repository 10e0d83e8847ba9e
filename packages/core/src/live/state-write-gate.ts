import { MINUTE_MS } from "../candles/interval.js";
import type { SignalRunner } from "../kernel/signal-runner.js";

/**
 * How far the fill scan may get past the written state before a tick writes it although nothing else changed: a
 * restart re-scans at most this much (plus the downtime), well inside the day of candles its first tick loads.
 */
export const SCAN_CHECKPOINT_MS = 60 * MINUTE_MS;

/** What a write put into the persisted state, as far as the gate compares it. */
export interface WrittenMark {
  readonly revision: number;
  readonly outboxLength: number;
  readonly scanPosition: number;
  readonly signalBucket: number;
  readonly hookBucket: number;
}

/**
 * Decides, without building or serialising the state, whether a live tick has anything to write. The crash
 * guarantee needs every event persisted before it is delivered and every change a restart could not work out again
 * (`SignalRunner.revision`: an accepted signal, a fill, a moved level, the end of a signal). It does not need the
 * scan's progress, which re-scanning the candles from the written position reproduces (the scan is deterministic),
 * nor the bucket `getSignal` or `onOpenInterval` last ran in when the strategy interval is no longer than the tick:
 * two ticks of a run, across a restart too, are a tick apart at least, so none can fall in a bucket already asked
 * in. With a position open or a 1m strategy idle that is every tick's only change; such ticks now write nothing.
 * The scan's progress is still written once it is {@link SCAN_CHECKPOINT_MS} ahead, so a restart re-scans little.
 */
export class StateWriteGate {
  private last: WrittenMark | undefined;
  /** When the buckets last asked in must be written: a later tick may fall in one of them. */
  private readonly bucketsMatter: boolean;

  constructor(
    private readonly runner: SignalRunner,
    tickMs: number,
  ) {
    this.bucketsMatter = runner.intervalMs > tickMs;
  }

  /** True when a state with an outbox of `outboxLength` events holds nothing the last write did not. */
  unchanged(outboxLength: number): boolean {
    const { last, runner } = this;
    if (last === undefined || outboxLength !== 0 || last.outboxLength !== 0) return false;
    if (runner.revision !== last.revision) return false;
    if (
      this.bucketsMatter &&
      (!Object.is(runner.signalBucket, last.signalBucket) ||
        !Object.is(runner.openHookBucket, last.hookBucket))
    ) {
      return false;
    }
    // NaN (no scan yet on either side) compares false: written.
    return runner.scanPosition - last.scanPosition < SCAN_CHECKPOINT_MS;
  }

  /**
   * The earliest fill-scan position at which {@link StateWriteGate.unchanged} asks for a checkpoint, nothing else
   * having changed (NaN before the first write): a tick that fast-forwards must not pass it, or it would write later.
   */
  get checkpointAt(): number {
    return this.last === undefined ? Number.NaN : this.last.scanPosition + SCAN_CHECKPOINT_MS;
  }

  /** The mark of the state about to be written, with an outbox of `outboxLength` events. */
  mark(outboxLength: number): WrittenMark {
    const { runner } = this;
    return {
      revision: runner.revision,
      outboxLength,
      scanPosition: runner.scanPosition,
      signalBucket: runner.signalBucket,
      hookBucket: runner.openHookBucket,
    };
  }

  /** The write of `mark`'s state resolved (or found that state stored already): it is what `unchanged` compares with. */
  written(mark: WrittenMark): void {
    this.last = mark;
  }
}
