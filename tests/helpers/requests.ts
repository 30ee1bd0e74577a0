// Helpers for layanan warga tests: a kelurahan with its officials and a family.
import { randomBytes } from 'node:crypto';
import { createFamily } from '../../src/seed/factories.js';
import type { TestApp } from './app.js';
import { SEED_PNG, SMALL_JPEG } from './uploads.js';

/** Small genuine pictures: the content check reads the whole file, not only its magic bytes. */
export const PNG = SEED_PNG;
export const JPEG = SMALL_JPEG;

let serial = 5000;
export async function createChain(t: TestApp) {
  const area = await t.createArea();
  const kec = area.kec[0]!;
  const kel = kec.kel[0]!;
  const admin = await t.createUser('admin_kota', area.city);
  const fam = await createFamily(t.services, admin.ctx, kel.rts[0]!, () => serial++);
  const [rt, rw, lurah, camat] = [
    await t.createUser('ketua_rt', kel.rts[0]!),
    await t.createUser('ketua_rw', kel.rw),
    await t.createUser('lurah', kel.code),
    await t.createUser('camat', kec.code),
  ];
  return { area, kec, kel, admin, rt, rw, lurah, camat, residentId: fam.ids[0]!, familyIds: fam.ids };
}

export const key = () => randomBytes(12).toString('hex');

export function submitBody(residentId: number, letterType = 'domisili', extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key(),
    letterType,
    residentId,
    purpose: 'Melamar pekerjaan',
    fields: {},
    attachments: [
      { kind: 'ktp', contentBase64: JPEG.toString('base64') },
      { kind: 'kk', contentBase64: PNG.toString('base64') },
    ],
    ...extra,
  };
}
