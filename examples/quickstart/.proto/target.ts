import { parentPort } from "node:worker_threads";
import { listStrategies } from "@candlewick/core";
const x: number = 42;
parentPort!.postMessage({ x, n: listStrategies().length, url: import.meta.url });
