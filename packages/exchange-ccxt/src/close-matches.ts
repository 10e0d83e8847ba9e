/** Levenshtein distance: single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A candidate for `closeMatches`: what is shown, and the spellings it is compared under. */
export interface MatchCandidate {
  readonly label: string;
  readonly keys: readonly string[];
}

const normalize = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]/g, "");

/**
 * The candidates that look like a typo of `input`: within edit distance 2 of one of their keys, or sharing a
 * prefix with it (`ETH` → `ETH/USDT`). Case and separators (`/ : - _`) are ignored. Best first, at most `max`.
 */
export function closeMatches(input: string, candidates: readonly MatchCandidate[], max = 5): string[] {
  const wanted = normalize(input);
  const scored: Array<{ label: string; score: number }> = [];
  for (const candidate of candidates) {
    let best = Number.POSITIVE_INFINITY;
    for (const key of candidate.keys) {
      const spelled = normalize(key);
      const isPrefix = wanted.length >= 2 && (spelled.startsWith(wanted) || wanted.startsWith(spelled));
      best = Math.min(best, isPrefix ? 1.5 : editDistance(wanted, spelled));
    }
    if (best <= 2) scored.push({ label: candidate.label, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label));
  return [...new Set(scored.map((entry) => entry.label))].slice(0, max);
}
