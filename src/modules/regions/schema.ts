import { Type } from 'typebox';
import { Form, OptStr, Str } from '../../http/types.js';
import type { Region } from '../../db/schema.js';

const LEVEL = '(provinsi|kabkota|kecamatan|kelurahan|rw|rt)';

export const RegionsQuery = Type.Object({
  /** Comma-separated levels, e.g. `kelurahan,rw,rt`. Defaults to kabkota down to rt. */
  levels: Type.Optional(Type.String({ pattern: `^${LEVEL}(,${LEVEL})*$`, maxLength: 80 })),
});

export const RegionOut = Type.Object({
  code: Type.String(),
  parent_code: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  name: Type.String(),
  retired: Type.Boolean(),
});
export const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });
export const RegionDetailOut = Type.Object({
  region: RegionOut,
  children: Type.Array(RegionOut),
  ancestors: Type.Array(RegionRef),
});

export const ChildBody = Form({ number: Str(10, 1), name: OptStr(120) });
export const RenameBody = Form({ name: Str(120, 1) });
export const RetireBody = Form({});
export const ImportBody = Form({ csv: Str(200000, 1) });
export const ImportOut = Type.Object({
  created: Type.Integer(),
  skipped: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
});

export function regionOut(r: Region) {
  return { code: r.code, parent_code: r.parent_code, level: r.level, name: r.name, retired: r.retired_at !== null };
}

export const DEFAULT_TREE_LEVELS: Region['level'][] = ['kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt'];
export function parseLevels(s: string | undefined): Region['level'][] {
  if (!s) return DEFAULT_TREE_LEVELS;
  return [...new Set(s.split(','))] as Region['level'][];
}
