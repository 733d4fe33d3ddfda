// Usage errors and the "did you mean" that names the closest known word (an option, a command, a
// provider, a scenario) when a user mistypes one.

/** Wrong command line or unreadable configuration: exit code 2. */
export class UsageError extends Error {}

/** Edit distance (insertions, deletions, substitutions, and swaps of two neighbours). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known word closest to `word`: one that starts with it, or is at most a third of its length (and at
 * most 3) edits away; undefined when nothing is that close.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const prefixed = known.filter((candidate) => lower.length >= 3 && candidate.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of known) {
    const edits = distance(lower, candidate);
    if (edits <= Math.min(3, Math.max(1, Math.floor(lower.length / 3))) && (!best || edits < best.edits)) {
      best = { candidate, edits };
    }
  }
  return best?.candidate;
}

/** ": did you mean X?" or nothing. */
export const didYouMean = (word: string, known: readonly string[], prefix = ""): string => {
  const match = closest(word, known);
  return match ? `: did you mean ${prefix}${match}?` : "";
};
