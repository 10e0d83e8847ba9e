import {
  isStrategyDefinition,
  isWalkerDefinition,
  type StrategyDefinition,
  type WalkerDefinition,
} from "@candlewick/sdk";
import { loadModule } from "./load-module.js";
import { UsageError } from "./usage-error.js";

/**
 * The default export of a strategy file (`export default defineStrategy({...})`) or, when `allowWalker`, of a
 * walker file (`export default defineWalker({...})`). Anything else is a usage error saying what was found.
 */
export async function loadDefinition(file: string, allowWalker: false): Promise<StrategyDefinition>;
export async function loadDefinition(
  file: string,
  allowWalker: true,
): Promise<StrategyDefinition | WalkerDefinition>;
export async function loadDefinition(
  file: string,
  allowWalker: boolean,
): Promise<StrategyDefinition | WalkerDefinition> {
  const module = await loadModule(file);
  const exported = module.default;
  if (isStrategyDefinition(exported)) return exported;
  if (allowWalker && isWalkerDefinition(exported)) return exported;
  const found = exported === undefined ? "no default export" : `a default export of type ${typeof exported}`;
  throw new UsageError(
    `${file} has ${found}; expected ${allowWalker ? "a defineStrategy or defineWalker result" : "a defineStrategy result"}`,
    'end the file with: export default defineStrategy({ name, interval, params, defaults, getSignal }) from "@candlewick/sdk"',
  );
}
