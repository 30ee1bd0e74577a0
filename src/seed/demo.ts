// The demo city for `npm start` on an empty database: the configured city's
// real regions (from idn-area-data), two RW of two RT per kelurahan, a few
// hundred residents, and one account per role. Never runs on a database
// that already has accounts.
import type { Database } from '../db/database.js';
import type { Role } from '../kernel/roles.js';
import type { Repos, Services } from '../wiring.js';
import { createAccount, createFamily, ctxOf } from './factories.js';
import { solidPng } from './png.js';
import { seedDemoHeads } from './demo-heads.js';
import { hashPassword } from '../modules/accounts/service.js';
import { sql } from 'kysely';

export const DEMO_PASSWORD = 'demo-pamong-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  regionCode: string;
  password: string;
}

export async function hasAnyAccount(database: Database): Promise<boolean> {
  return !!(await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

export async function seedDemo(
  database: Database,
  repos: Repos,
  s: Services,
  cityCode: string,
): Promise<DemoAccount[]> {
  const db = database.db;
  const admin = await createAccount(db, repos, {
    username: 'admin',
    fullName: 'Admin Kota',
    role: 'admin_kota',
    regionCode: cityCode,
    password: DEMO_PASSWORD,
  });
  const ctx = ctxOf({ ...admin, role: 'admin_kota' });
  const kelurahan = await s.regions.tree(ctx, ['kelurahan']);
  for (const kel of kelurahan) {
    for (const rw of [1, 2]) {
      const r = await s.regions.createChild(ctx, kel.code, { number: String(rw) });
      for (const rt of [1, 2]) await s.regions.createChild(ctx, r.code, { number: String(rt) });
    }
  }
  // Residents in the first kelurahan of every kecamatan: 4 families per RT.
  let serial = 1;
  const next = () => serial++;
  const firstKel = [...new Map([...kelurahan].reverse().map((k) => [k.parent_code, k])).values()].reverse();
  let firstResident: number | null = null;
  for (const kel of firstKel) {
    for (const rt of await s.regions.activeRts(ctx, kel.code)) {
      for (let f = 0; f < 4; f++) {
        const fam = await createFamily(s, ctx, rt.code, next);
        firstResident ??= fam.ids[0]!;
      }
    }
  }
  const kel = firstKel[0]!;
  const rw = `${kel.code}.001`;
  const rt = `${rw}.001`;
  const accounts: DemoAccount[] = [
    { username: 'admin', role: 'admin_kota', regionCode: cityCode, password: DEMO_PASSWORD },
  ];
  const add = async (
    username: string,
    fullName: string,
    role: Role,
    regionCode: string,
    extra: {
      residentId?: number;
      nikHash?: Buffer;
      official?: { nip: string; jabatan: string; pangkat: string };
    } = {},
  ) => {
    const u = await createAccount(db, repos, {
      username,
      fullName,
      role,
      regionCode,
      password: DEMO_PASSWORD,
      ...extra,
    });
    accounts.push({ username, role, regionCode, password: DEMO_PASSWORD });
    return u;
  };
  const kecName = (await s.regions.tree(ctx, ['kecamatan'])).find((k) => k.code === kel.parent_code)?.name ?? '';
  // Fictitious officials with NIPs valid in form: the letters print them under the signature.
  await add('camat', 'Camat Demo', 'camat', kel.parent_code!, {
    official: { nip: DEMO_OFFICIALS.camat, jabatan: `Camat ${kecName}`, pangkat: 'Pembina (IV/a)' },
  });
  await add('lurah', 'Lurah Demo', 'lurah', kel.code, {
    official: { nip: DEMO_OFFICIALS.lurah, jabatan: `Lurah ${kel.name}`, pangkat: 'Penata Tingkat I (III/d)' },
  });
  const sekretaris = await add('staf.kel', 'Staf Kelurahan Demo', 'staf_kelurahan', kel.code, {
    official: { nip: DEMO_OFFICIALS.sekretaris, jabatan: 'Sekretaris Kelurahan', pangkat: 'Penata (III/c)' },
  });
  await seedDemoOffices(s, ctx, kel, sekretaris.id);
  const headRw = await add('ketua.rw', 'Ketua RW 001', 'ketua_rw', rw);
  const headRt = await add('ketua.rt', 'Ketua RT 001', 'ketua_rt', rt);
  await seedDemoHeads(s, ctx, {
    cityCode,
    heads: [
      { regionCode: rw, userId: headRw.id, name: 'Ketua RW 001' },
      { regionCode: rt, userId: headRt.id, name: 'Ketua RT 001' },
    ],
  });
  if (firstResident !== null) {
    const full = await s.residents.viewFull(ctx, firstResident);
    await add('warga', full.full_name, 'warga', full.region_code, { residentId: full.id, nikHash: full.nik_hash });
    accounts[accounts.length - 1]!.username = `warga (atau NIK ${full.nik})`;
  }
  await seedDemoRequests(db, s, rt);
  accounts.push(...(await seedDemoStaff(db, repos, s, ctx)));
  return accounts;
}

/** Demo officials' NIPs (valid in form, fictitious). */
export const DEMO_OFFICIALS = {
  camat: '197511232000031004',
  lurah: '198206142006041007',
  sekretaris: '198709302010012012',
};

/** The demo kelurahan's kop, its unit code, and its sekretaris signing a.n. the lurah. */
async function seedDemoOffices(
  s: Services,
  ctx: ReturnType<typeof ctxOf>,
  kel: { code: string; name: string; parent_code: string | null },
  sekretarisId: number,
) {
  // Demo contact data: fictitious, in the shape a kelurahan office uses.
  await s.letters.saveOffice(ctx, kel.code, {
    kode_unit: `Kel.${kel.name.slice(0, 3)}`,
    address: `Jalan Kelurahan ${kel.name} No. 1`,
    phone: '(0335) 420000',
    email: 'kelurahan@contoh.go.id',
    website: 'probolinggokota.go.id',
    postal_code: '67211',
  });
  if (kel.parent_code)
    await s.letters.saveOffice(ctx, kel.parent_code, {
      kode_unit: 'Kec.',
      address: 'Jalan Kecamatan No. 1',
      phone: '(0335) 421000',
      email: 'kecamatan@contoh.go.id',
      website: 'probolinggokota.go.id',
      postal_code: '67211',
    });
  await s.letters.addDelegation(ctx, kel.code, {
    userId: sekretarisId,
    mode: 'an',
    viaJabatan: '',
    validFrom: '2026-01-01',
    validTo: '',
  });
}

/**
 * Demo NIPs and an NI PPPK (valid in form, fictitious): the head of the OPD (who also decides leave as
 * pejabat yang berwenang), one of their staff, the head of a bidang (a direct superior who gives the
 * pertimbangan on leave) and a PPPK in that bidang.
 */
export const DEMO_STAFF = {
  head: '197804152005011002',
  staff: '199203212019032005',
  kabid: '198207112008011003',
  pppk: '199105172023212004',
};
/** Kantor Wali Kota Probolinggo, approximately: the demo office's geofence centre. */
export const DEMO_OFFICE = { lat: -7.7569, lon: 113.2151 };

/** The staff side of the demo city: Diskominfo with a bidang, an office location and two civil servants. */
async function seedDemoStaff(
  db: Database['db'],
  repos: Repos,
  s: Services,
  ctx: ReturnType<typeof ctxOf>,
): Promise<DemoAccount[]> {
  const E = s.employees;
  const opd = await E.createUnit(ctx, { code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika', kind: 'opd' });
  const bidang = await E.createUnit(ctx, {
    parentId: opd.id,
    code: 'APTIKA',
    name: 'Bidang Aplikasi Informatika',
    kind: 'bidang',
  });
  const statistik = await E.createUnit(ctx, {
    parentId: opd.id,
    code: 'STATISTIK',
    name: 'Bidang Statistik dan Persandian',
    kind: 'bidang',
  });
  await E.createUnit(ctx, { code: 'SETDA', name: 'Sekretariat Daerah', kind: 'opd' });
  const office = await E.createLocation(ctx, { name: 'Kantor Wali Kota Probolinggo', ...DEMO_OFFICE, radiusM: 100 });
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: DemoAccount[] = [];
  for (const [nip, fullName, kind, position, unitId] of [
    [DEMO_STAFF.head, 'Kepala Dinas Demo', 'PNS', 'Kepala Dinas', opd.id],
    [DEMO_STAFF.staff, 'Pegawai Demo', 'PNS', 'Pranata Komputer Ahli Pertama', bidang.id],
    [DEMO_STAFF.kabid, 'Kepala Bidang Demo', 'PNS', 'Kepala Bidang Statistik dan Persandian', statistik.id],
    [DEMO_STAFF.pppk, 'Pegawai PPPK Demo', 'PPPK', 'Pranata Komputer Ahli Pertama', statistik.id],
  ] as const) {
    const e = await E.createEmployee(ctx, { nip, fullName, kind, position, unitId, locationIds: [office.id] });
    const user = (await E.read.findEmployee(db, ctx.scope, e.id))!;
    await repos.accounts.setPassword(db, user.user_id, hash, false, new Date());
    out.push({
      username: `${nip} (${position})`,
      role: 'pegawai',
      regionCode: ctx.scope.regionCode,
      password: DEMO_PASSWORD,
    });
  }
  const head = (await E.findByNip(ctx, DEMO_STAFF.head))!;
  await E.setUnitHead(ctx, opd.id, head.id);
  await E.setUnitHead(ctx, statistik.id, (await E.findByNip(ctx, DEMO_STAFF.kabid))!.id);
  // TMT of the demo PPPK (leave counts service from it). TODO(lead): set through the employees service once it has the field.
  await sql`update employees set start_date = '2023-03-01' where nip = ${DEMO_STAFF.pppk}`.execute(db);
  return out;
}

/** A few letters under way so the demo queues and dashboard are not empty. */
async function seedDemoRequests(db: Database['db'], s: Services, rtCode: string) {
  const head = await db.selectFrom('users').selectAll().where('username', '=', 'ketua.rt').executeTakeFirstOrThrow();
  const ctx = ctxOf({ ...head, role: 'ketua_rt' });
  const neighbours = (await s.residents.search(ctx, { page: 1, status: 'hidup', under: rtCode })).rows;
  const photo = solidPng(40, 25, [200, 220, 240]);
  const types = ['domisili', 'sktm', 'pengantar_skck'];
  for (const [i, r] of neighbours.slice(1, 4).entries()) {
    await s.requests.submit(ctx, {
      idempotencyKey: `demo-${i}-${r.id}`,
      letterType: types[i]!,
      residentId: r.id,
      purpose: 'Contoh permohonan kota demo',
      fields: types[i] === 'sktm' ? { penghasilan: '1500000' } : {},
      attachments: [
        { kind: 'ktp', content: photo },
        { kind: 'kk', content: photo },
      ],
    });
  }
}
