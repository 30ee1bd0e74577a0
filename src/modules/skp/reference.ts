// Reference data of E-Kinerja read at start: the distribution curve (reference/skp-kurva-distribusi.csv, or the
// city's own file named by SKP_CURVE_FILE). A broken file stops the start with its reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCurve, type CurveRule } from './rules.js';

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
