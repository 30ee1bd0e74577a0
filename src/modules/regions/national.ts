// Reads the Ministry of Home Affairs region codes shipped by the npm package
// idn-area-data (ODbL) for one kabupaten/kota. Codes are imported, never made up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { NewRegion } from './repo.js';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

/** Parses the header and only the lines whose code starts with `prefix` (villages.csv has ~84k rows). */
function readCsv(file: string, prefix = ''): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/);
  const wanted = lines.filter((l) => l && l.startsWith(prefix));
  // Some names carry quotes (e.g. `Soka"`): quotes inside fields are data, not CSV syntax.
  return parse([header, ...wanted].join('\n'), { columns: true, skip_empty_lines: true, relax_quotes: true });
}

/** Title-case for names the data set writes in capitals ("KOTA PROBOLINGGO" → "Kota Probolinggo"). */
function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-(/])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** Province, city, its kecamatan and kelurahan/desa, parents first. Empty when the code is unknown. */
export function nationalRegionsOf(cityCode: string): NewRegion[] {
  const regency = readCsv('regencies.csv').find((r) => r.code === cityCode);
  if (!regency) return [];
  const province = readCsv('provinces.csv').find((p) => p.code === regency.province_code);
  if (!province) return [];
  const districts = readCsv('districts.csv', cityCode + '.').filter((d) => d.regency_code === cityCode);
  const districtCodes = new Set(districts.map((d) => d.code));
  const villages = readCsv('villages.csv', cityCode + '.').filter((v) => districtCodes.has(v.district_code!));
  return [
    { code: province.code!, parent_code: null, level: 'provinsi', name: titleCase(province.name!) },
    { code: regency.code!, parent_code: province.code!, level: 'kabkota', name: titleCase(regency.name!) },
    ...districts.map((d): NewRegion => ({
      code: d.code!,
      parent_code: cityCode,
      level: 'kecamatan',
      name: titleCase(d.name!),
    })),
    ...villages.map((v): NewRegion => ({
      code: v.code!,
      parent_code: v.district_code!,
      level: 'kelurahan',
      name: titleCase(v.name!),
    })),
  ];
}
