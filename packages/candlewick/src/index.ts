/**
 * Candlewick in one import: everything `@candlewick/core` and `@candlewick/sdk` export, plus the two default
 * adapters' factories, with the defaults wired on import into the default engine and into every `createEngine()` (see `useDefaults`).
 * @packageDocumentation
 */
import { useDefaultsOnDefaultEngine } from "./use-defaults.js";

export * from "@candlewick/core";
export { createFsPersist, type FsPersistOptions } from "@candlewick/persist-fs";
export { createMarkdownReporter } from "@candlewick/reporter-markdown";
export * from "@candlewick/sdk";
export { createEngine } from "./use-defaults.js";

useDefaultsOnDefaultEngine();
