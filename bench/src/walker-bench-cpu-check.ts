import { Worker } from "node:worker_threads";

/** A fixed amount of pure arithmetic, as evaluated code so a worker can run it without any loader. */
const SPIN = "let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;";

/**
 * How much faster two threads finish two equal pieces of pure arithmetic than one thread doing both: about 2 on
 * an idle 2-core machine, about 1 when other processes already use the cores. It tells how much parallel
 * capacity the machine had while the walker figures were taken.
 */
export async function parallelCapacity(): Promise<number> {
  const spin = new Function(SPIN) as () => void;
  let began = performance.now();
  spin();
  spin();
  const oneThread = performance.now() - began;
  began = performance.now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(`${SPIN} require("node:worker_threads").parentPort.postMessage(0);`, {
            eval: true,
          });
          worker.once("message", () => void worker.terminate().then(() => resolve()));
          worker.once("error", reject);
        }),
    ),
  );
  return oneThread / (performance.now() - began);
}
