// Archive classification codes of Permendagri 83/2022 (bagian B): the shipped
// data file (reference/klasifikasi-arsip-permendagri-83-2022.csv, provenance in the
// .md beside it) read into rows, its tree checked, and what an import changes.
// Pure: the service reads the file and writes the table.
import { parse } from 'csv-parse/sync';

export const CLASSIFICATION_FILE = new URL(
  '../../../reference/klasifikasi-arsip-permendagri-83-2022.csv',
  import.meta.url,
);
export const CLASSIFICATION_SOURCE = 'Permendagri 83/2022, Lampiran bagian B';

/** `000`, `400.12.3.1`: three digits, then up to five dot-separated groups. Roots are the three-digit codes. */
export const CLASSIFICATION_CODE = /^[0-9]{3}(\.[0-9]{1,3}){0,5}$/;

export interface ClassificationRow {
  code: string;
  name: string;
  parent: string | null;
}
export interface ClassificationFile {
  version: number;
  rows: ClassificationRow[];
  errors: string[];
}

/** The parent a code's number implies: `400.12.3.1` → `400.12.3`; a root has none. */
export const impliedParent = (code: string): string | null =>
  code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;

/**
 * Reads the data file: `# version: N` in the comment header, then `code,name,parent`.
 * Every problem is listed (line numbers of the file) rather than the first only.
 */
export function parseClassificationFile(text: string): ClassificationFile {
  const errors: string[] = [];
  const versionLine = /^#\s*version:\s*(\d{1,6})\s*$/m.exec(text);
  const version = versionLine ? Number(versionLine[1]) : 0;
  if (!(version >= 1)) errors.push('the header has no "# version: N" line (N ≥ 1)');
  let records: string[][] = [];
  try {
    records = parse(text, { comment: '#', skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    return { version, rows: [], errors: [...errors, `CSV: ${(e as Error).message}`] };
  }
  const [header, ...data] = records;
  if (header?.join(',') !== 'code,name,parent') errors.push('the first row must be code,name,parent');
  const rows: ClassificationRow[] = [];
  data.forEach((r, i) => {
    const at = `row ${i + 1}`;
    if (r.length !== 3) return void errors.push(`${at}: expected 3 columns, found ${r.length}`);
    const [code, name, parent] = r as [string, string, string];
    if (!CLASSIFICATION_CODE.test(code)) errors.push(`${at}: "${code}" is not a classification code`);
    if (!name || name.length > 300) errors.push(`${at}: the name of ${code} must have 1–300 characters`);
    if ((parent || null) !== impliedParent(code))
      errors.push(`${at}: the parent of ${code} must be ${impliedParent(code) ?? 'empty (a root)'}`);
    rows.push({ code, name, parent: parent || null });
  });
  return { version, rows, errors: [...errors, ...treeErrors(rows)] };
}

/** Codes must be unique and every non-root code's parent must be in the list. */
export function treeErrors(rows: ClassificationRow[]): string[] {
  const errors: string[] = [];
  const codes = new Set<string>();
  for (const r of rows) {
    if (codes.has(r.code)) errors.push(`${r.code} appears twice`);
    codes.add(r.code);
  }
  for (const r of rows)
    if (r.parent && !codes.has(r.parent)) errors.push(`the parent ${r.parent} of ${r.code} is missing`);
  return errors;
}

/** Parents before children, so each insert finds its parent already there. */
export const parentsFirst = (rows: ClassificationRow[]) =>
  [...rows].sort((a, b) => a.code.split('.').length - b.code.split('.').length || a.code.localeCompare(b.code));

export interface StoredCode {
  code: string;
  name: string;
  parent_code: string | null;
  active: boolean;
}

/** What importing `rows` into a table holding `stored` adds, changes (name, parent, reactivation) and switches off. */
export function importPlan(stored: StoredCode[], rows: ClassificationRow[]) {
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const incoming = new Set(rows.map((r) => r.code));
  const added = rows.filter((r) => !byCode.has(r.code));
  const changed = rows.filter((r) => {
    const s = byCode.get(r.code);
    return s && (s.name !== r.name || s.parent_code !== r.parent || !s.active);
  });
  const deactivated = stored.filter((s) => s.active && !incoming.has(s.code)).map((s) => s.code);
  return { added, changed, deactivated };
}
