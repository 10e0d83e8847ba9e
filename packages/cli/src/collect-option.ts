/** Commander's argument parser for a repeatable option (`--param a=1 --param b=2`): the values in order. */
export function collectOption(value: string, previous: string[]): string[] {
  return [...previous, value];
}
