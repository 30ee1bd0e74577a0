// Reference data of E-Kinerja read at start: the distribution curve (reference/skp-kurva-distribusi.csv, or the
// city's own file named by SKP_CURVE_FILE). A broken file stops the start with its reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCurve, type CurveRule } from './rules.js';
import { parseTppData, type TppData } from './tpp-rules.js';

export const DEFAULT_CURVE_FILE = fileURLToPath(
  new URL('../../../reference/skp-kurva-distribusi.csv', import.meta.url),
);

export function loadCurve(file = ''): CurveRule[] {
  const path = file || DEFAULT_CURVE_FILE;
  try {
    return parseCurve(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`SKP_CURVE_FILE ${path}: ${(err as Error).message}`);
  }
}

export const DEFAULT_TPP_FILE = fileURLToPath(new URL('../../../reference/tpp-skema.json', import.meta.url));

/** The TPP data (TPP_SCHEME_FILE, or the shipped example); absence kinds from E-Presensi to check the stop list. */
export function loadTppData(file: string, absenceKinds: readonly string[]): TppData {
  const path = file || DEFAULT_TPP_FILE;
  try {
    return parseTppData(readFileSync(path, 'utf8'), absenceKinds);
  } catch (err) {
    throw new Error(`TPP_SCHEME_FILE ${path}: ${(err as Error).message}`);
  }
}
