/** Levenshtein distance, for "did you mean" suggestions on misspelled template keys. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known key closest to `key`, when it is close enough to be a typo: a different letter case, or at most
 * a third of the letters wrong (`Handeler` → `Handler`, `timeout` → `Timeout`), or the start of exactly one known key.
 */
export function findClosestKey(key: string, known: readonly string[]): string | undefined {
  const sameLetters = known.find((k) => k.toLowerCase() === key.toLowerCase());
  if (sameLetters !== undefined) return sameLetters;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  // A shortened key (`Cors` or `CorsConfig` for CorsConfiguration) names the only known key it starts.
  const extended = known.filter((k) => key.length >= 4 && k.toLowerCase().startsWith(key.toLowerCase()));
  return extended.length === 1 ? extended[0] : undefined;
}
