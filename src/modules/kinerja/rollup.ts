// Roll-ups of the kinerja ranking per kecamatan or kelurahan: pure, no I/O.
export interface RollUp {
  code: string;
  name: string | null;
  heads: number;
  /** Mean score, one decimal. */
  average: number;
  pactSigned: number;
  activities: number;
}

/**
 * Averages and counts per kecamatan or kelurahan (the level of `codeOf`), best
 * average first: the at-a-glance comparison above the heads' list.
 */
export function rollUp<T extends { regionCode: string; score: number; pactSigned: boolean; activitiesDone: number }>(
  rows: readonly T[],
  codeOf: (code: string) => string,
  nameOf: (row: T) => string | null,
): RollUp[] {
  const groups = new Map<string, RollUp & { sum: number }>();
  for (const r of rows) {
    const code = codeOf(r.regionCode);
    const g = groups.get(code) ?? { code, name: nameOf(r), heads: 0, average: 0, pactSigned: 0, activities: 0, sum: 0 };
    g.heads++;
    g.sum += r.score;
    if (r.pactSigned) g.pactSigned++;
    g.activities += r.activitiesDone;
    groups.set(code, g);
  }
  return [...groups.values()]
    .map(({ sum, ...g }) => ({ ...g, average: Math.round((sum / g.heads) * 10) / 10 }))
    .sort((a, b) => b.average - a.average || a.code.localeCompare(b.code));
}
