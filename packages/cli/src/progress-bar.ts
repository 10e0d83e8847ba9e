import cliProgress from "cli-progress";

/** A progress bar on stderr, drawn only when stderr is a terminal (never in pipes, logs or CI). */
export interface ProgressBar {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

export function createProgressBar(title: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${title} [{bar}] {percentage}% | {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = "") {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else bar.update(done, { label });
      if (bar.getTotal() !== total) bar.setTotal(total);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
