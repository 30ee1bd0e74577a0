// Pure roll-up of the programme per kecamatan or kelurahan: heads in post
// against posts, pact signed, training complete, this month's data package
// and honorarium — so a camat or the city compares their regions at a glance
// and drills down (?under=<code>).

export interface RollupRow {
  code: string;
  name: string;
  posts: number;
  filled: number;
  pactSigned: number;
  heads: number;
  trained: number;
  dataReceived: number;
  honorDue: number;
  honorPaid: number;
}

export interface RollupFacts {
  /** Every active RW/RT (one ketua post each), filled or not, and whether its ketua signed the current pact. */
  posts: readonly { code: string; filled: boolean; pactSigned: boolean }[];
  /** Every head account in the region, with this month's programme facts. */
  heads: readonly { code: string; trained: boolean; dataReceived: boolean; honorDue: boolean; honorPaid: boolean }[];
}

/** The level a list under `under` rolls up by: kecamatan under a city (or above), kelurahan under a kecamatan; none below. */
export function rollupLevel(under: string): 'kecamatan' | 'kelurahan' | null {
  const depth = under.split('.').length;
  return depth <= 2 ? 'kecamatan' : depth === 3 ? 'kelurahan' : null;
}

const within = (code: string, group: string) => code === group || code.startsWith(group + '.');

/** One row per group, in the groups' order; the total as the last element's sum is left to the caller (`totalOf`). */
export function rollUp(groups: readonly { code: string; name: string }[], facts: RollupFacts): RollupRow[] {
  return groups.map((g) => {
    const posts = facts.posts.filter((p) => within(p.code, g.code));
    const heads = facts.heads.filter((h) => within(h.code, g.code));
    return {
      code: g.code,
      name: g.name,
      posts: posts.length,
      filled: posts.filter((p) => p.filled).length,
      pactSigned: posts.filter((p) => p.filled && p.pactSigned).length,
      heads: heads.length,
      trained: heads.filter((h) => h.trained).length,
      dataReceived: heads.filter((h) => h.dataReceived).length,
      honorDue: heads.filter((h) => h.honorDue).length,
      honorPaid: heads.filter((h) => h.honorPaid).length,
    };
  });
}

export function totalOf(rows: readonly RollupRow[]): Omit<RollupRow, 'code' | 'name'> {
  const sum = (k: keyof Omit<RollupRow, 'code' | 'name'>) => rows.reduce((a, r) => a + r[k], 0);
  return {
    posts: sum('posts'),
    filled: sum('filled'),
    pactSigned: sum('pactSigned'),
    heads: sum('heads'),
    trained: sum('trained'),
    dataReceived: sum('dataReceived'),
    honorDue: sum('honorDue'),
    honorPaid: sum('honorPaid'),
  };
}
