// A word diff between two versions of a naskah's text (pure): the page shows insertions and deletions with
// <ins>/<del>. Myers' shortest edit script over words and the spaces between them, after trimming the common
// head and tail; a middle with too many changes falls back to comparing whole lines so the page stays fast.
export type DiffOp = { op: 'eq' | 'ins' | 'del'; text: string };

const tokens = (s: string) => s.split(/(\s+)/).filter((t) => t !== '');
const lines = (s: string) => s.split(/(?<=\n)/).filter((t) => t !== '');
const CELLS = 4_000_000;

/** Myers' O((N+M)·D) shortest edit script; null when it needs more than `maxD` edits. */
function myers(a: string[], b: string[], maxD: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxD); d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, off);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], a: string[], b: string[], off: number): DiffOp[] {
  const out: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[off + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'eq', text: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: 'ins', text: b[--y]! });
      else out.push({ op: 'del', text: a[--x]! });
    }
  }
  return out.reverse();
}

function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const o of ops) {
    const last = out[out.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else if (o.text) out.push({ ...o });
  }
  return out;
}

function diffTokens(a: string[], b: string[], byLines = false): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  // The edit budget keeps the kept traces (one array of N+M per edit) within CELLS integers.
  const exact = myers(midA, midB, Math.max(1, Math.floor(CELLS / (2 * (midA.length + midB.length) + 4))));
  const middle = exact
    ? exact
    : !byLines
      ? diffTokens(lines(midA.join('')), lines(midB.join('')), true)
      : [...midA.map((text) => ({ op: 'del' as const, text })), ...midB.map((text) => ({ op: 'ins' as const, text }))];
  return merge([
    ...a.slice(0, head).map((text) => ({ op: 'eq' as const, text })),
    ...middle,
    ...a.slice(a.length - tail).map((text) => ({ op: 'eq' as const, text })),
  ]);
}

/** The changes from `before` to `after`, word by word (whole lines when the texts are very long). */
export function diffText(before: string, after: string): DiffOp[] {
  return diffTokens(tokens(before), tokens(after));
}

/** Joining the kept and inserted parts gives `after`; the kept and deleted parts give `before`. */
export const sideOf = (ops: readonly DiffOp[], side: 'before' | 'after') =>
  ops
    .filter((o) => o.op === 'eq' || o.op === (side === 'before' ? 'del' : 'ins'))
    .map((o) => o.text)
    .join('');
