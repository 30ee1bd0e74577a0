// HONOR_PPH21 and BPJS_SCHOLARSHIP from the configuration, checked while wiring.
import { ConfigError } from '../../config.js';
import { parseScholarship } from './claims-rules.js';
import { parsePph21 } from './honor-rules.js';

/** HONOR_PPH21 and BPJS_SCHOLARSHIP read and checked; a bad value stops the start with a clear message. */
export function moneyConfigFrom(c: { honorPph21: string; bpjsScholarship: string }) {
  const tax = parsePph21(c.honorPph21);
  const sch = parseScholarship(c.bpjsScholarship);
  const problems = [
    ...(tax.ok ? [] : [`HONOR_PPH21: ${tax.problem}`]),
    ...(sch.ok ? [] : [`BPJS_SCHOLARSHIP: ${sch.problem}`]),
  ];
  if (!tax.ok || !sch.ok) throw new ConfigError(problems);
  return { pph21: tax.config, scholarship: sch.config };
}
