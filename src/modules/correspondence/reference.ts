// The reference data of E-Surat read from reference/ (provenance: reference/naskah-dinas.md): kinds of naskah,
// security classes, urgency, disposition instructions (the city's own list) and default JRA rows. Read and
// checked once at start: a broken file stops the start with every problem listed.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  FINAL_DISPOSITIONS,
  SECURITY_CLASSES,
  URGENCIES,
  type FinalDisposition,
  type RetentionRow,
  type SecurityClass,
  type Urgency,
} from './rules.js';

const ref = (name: string) => new URL(`../../../reference/${name}`, import.meta.url);
export const REFERENCE_FILES = {
  kinds: ref('naskah-jenis.csv'),
  security: ref('naskah-keamanan.csv'),
  urgency: ref('naskah-urgensi.csv'),
  instructions: ref('naskah-instruksi-disposisi.csv'),
  retention: ref('naskah-jra.csv'),
};

export interface NaskahKind {
  code: string;
  name: string;
  group: 'arahan' | 'korespondensi' | 'khusus';
}
export interface NaskahReference {
  kinds: NaskahKind[];
  security: { code: SecurityClass; name: string; restricted: boolean }[];
  urgency: { code: Urgency; name: string }[];
  instructions: { code: string; text: string }[];
  retention: RetentionRow[];
  /** The classes only the unit head and its TU see. */
  restricted: ReadonlySet<SecurityClass>;
}

/** Rows of a CSV with a `#` comment header; the first row must be `header`. */
function rowsOf(text: string, header: string[], file: string, errors: string[]): string[][] {
  let records: string[][];
  try {
    records = parse(text, { comment: '#', skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    errors.push(`${file}: CSV: ${(e as Error).message}`);
    return [];
  }
  const [head, ...data] = records;
  if (head?.join(',') !== header.join(',')) errors.push(`${file}: the first row must be ${header.join(',')}`);
  return data.filter((r, i) => {
    if (r.length === header.length) return true;
    errors.push(`${file} row ${i + 1}: expected ${header.length} columns, found ${r.length}`);
    return false;
  });
}

function uniqueCodes(file: string, codes: string[], errors: string[]) {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) errors.push(`${file}: ${c} appears twice`);
    seen.add(c);
  }
}

const CODE = /^[a-z_]{2,40}$/;
const CLASSIFICATION = /^[0-9]{3}(\.[0-9]{1,3}){0,5}$/;
const GROUPS = ['arahan', 'korespondensi', 'khusus'];

/** Parses the five texts; pure (the files are read by loadNaskahReference). */
export function parseNaskahReference(t: {
  kinds: string;
  security: string;
  urgency: string;
  instructions: string;
  retention: string;
}): { reference: NaskahReference; errors: string[] } {
  const errors: string[] = [];
  const kinds = rowsOf(t.kinds, ['code', 'name', 'group'], 'naskah-jenis.csv', errors).map(([code, name, group]) => {
    if (!CODE.test(code!)) errors.push(`naskah-jenis.csv: "${code}" is not a code (a-z and _)`);
    if (!name || name.length > 100) errors.push(`naskah-jenis.csv: the name of ${code} must have 1–100 characters`);
    if (!GROUPS.includes(group!)) errors.push(`naskah-jenis.csv: the group of ${code} must be ${GROUPS.join('|')}`);
    return { code: code!, name: name!, group: group as NaskahKind['group'] };
  });
  uniqueCodes(
    'naskah-jenis.csv',
    kinds.map((k) => k.code),
    errors,
  );
  if (!kinds.length) errors.push('naskah-jenis.csv: no kind');

  const security = rowsOf(t.security, ['code', 'name', 'restricted'], 'naskah-keamanan.csv', errors).map(
    ([code, name, restricted]) => {
      if (!['true', 'false'].includes(restricted!))
        errors.push(`naskah-keamanan.csv: restricted of ${code} must be true or false`);
      return { code: code as SecurityClass, name: name!, restricted: restricted === 'true' };
    },
  );
  if (security.map((s) => s.code).join(',') !== SECURITY_CLASSES.join(','))
    errors.push(`naskah-keamanan.csv: the codes must be ${SECURITY_CLASSES.join(', ')}, in that order`);

  const urgency = rowsOf(t.urgency, ['code', 'name'], 'naskah-urgensi.csv', errors).map(([code, name]) => ({
    code: code as Urgency,
    name: name!,
  }));
  if (urgency.map((s) => s.code).join(',') !== URGENCIES.join(','))
    errors.push(`naskah-urgensi.csv: the codes must be ${URGENCIES.join(', ')}, in that order`);

  const instructions = rowsOf(t.instructions, ['code', 'text'], 'instructions', errors).map(([code, text]) => {
    if (!CODE.test(code!)) errors.push(`instructions: "${code}" is not a code (a-z and _)`);
    if (!text || text.length > 200) errors.push(`instructions: the text of ${code} must have 1–200 characters`);
    return { code: code!, text: text! };
  });
  uniqueCodes(
    'instructions',
    instructions.map((i) => i.code),
    errors,
  );
  if (!instructions.length) errors.push('instructions: no instruction');

  const retention = rowsOf(
    t.retention,
    ['code', 'active_years', 'inactive_years', 'final', 'verified'],
    'naskah-jra.csv',
    errors,
  ).map(([code, active, inactive, final, verified]) => {
    const years = (v: string | undefined) => (/^\d{1,3}$/.test(v ?? '') && Number(v) <= 100 ? Number(v) : NaN);
    if (!CLASSIFICATION.test(code!)) errors.push(`naskah-jra.csv: "${code}" is not a classification code`);
    if (Number.isNaN(years(active)) || Number.isNaN(years(inactive)))
      errors.push(`naskah-jra.csv: the years of ${code} must be whole numbers 0–100`);
    if (!(FINAL_DISPOSITIONS as readonly string[]).includes(final!))
      errors.push(`naskah-jra.csv: final of ${code} must be ${FINAL_DISPOSITIONS.join('|')}`);
    if (!['true', 'false'].includes(verified!))
      errors.push(`naskah-jra.csv: verified of ${code} must be true or false`);
    return {
      code: code!,
      activeYears: years(active),
      inactiveYears: years(inactive),
      final: final as FinalDisposition,
      verified: verified === 'true',
    };
  });
  uniqueCodes(
    'naskah-jra.csv',
    retention.map((r) => r.code),
    errors,
  );

  return {
    reference: {
      kinds,
      security,
      urgency,
      instructions,
      retention,
      restricted: new Set(security.filter((s) => s.restricted).map((s) => s.code)),
    },
    errors,
  };
}

/** Reads the shipped files (the instructions from `instructionsFile` when a city has its own); throws with every problem. */
export function loadNaskahReference(opts: { instructionsFile?: string | undefined } = {}): NaskahReference {
  const read = (f: URL | string) => readFileSync(f, 'utf8');
  const { reference, errors } = parseNaskahReference({
    kinds: read(REFERENCE_FILES.kinds),
    security: read(REFERENCE_FILES.security),
    urgency: read(REFERENCE_FILES.urgency),
    instructions: read(opts.instructionsFile || REFERENCE_FILES.instructions),
    retention: read(REFERENCE_FILES.retention),
  });
  if (errors.length) throw new Error(`Data rujukan E-Surat tidak valid:\n- ${errors.join('\n- ')}`);
  return reference;
}
