import type { WalkerSchema } from "../walker/walker-schema.js";
import { Registry } from "./registry.js";

/** The process-wide registry behind `addWalker` / `listWalkers`. */
export const walkers = new Registry<WalkerSchema>("walker", "walkerName");
