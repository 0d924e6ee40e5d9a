/** The candidate closest to `input` by edit distance, when it is close enough to be a likely typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  // Lower-cased once: a hostile 1 MB value is copied once, not twice per candidate.
  const lowered = input.toLowerCase();
  const loweredCandidates = candidates.map((c) => c.toLowerCase());
  // A truncated name ("revenu" for "revenue-by-service") is a typo too, when only one candidate fits.
  if (input.length >= 3) {
    const extending = candidates.filter((c, i) => loweredCandidates[i].startsWith(lowered) && c !== input);
    if (extending.length === 1) return extending[0];
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  candidates.forEach((candidate, i) => {
    const d = editDistance(lowered, loweredCandidates[i]);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  });
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64; // bounded work on hostile input
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
