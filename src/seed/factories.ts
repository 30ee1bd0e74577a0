// Builders shared by the demo seed and the tests: they go through the same
// services a person would, so seeded data obeys every rule.
import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.js';
import { makeScope } from '../kernel/scope.js';
import type { Role } from '../kernel/roles.js';
import { hashPassword } from '../modules/accounts/service.js';
import type { Ctx } from '../kernel/context.js';
import type { Repos, Services } from '../wiring.js';

/** Makes a NIK that parses: region (6) + birth date (+40 for women) + serial. */
export function makeNik(region6: string, birthDate: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  return `${region6}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

export function makeKk(region6: string, serial: number): string {
  return `${region6}${String(randomInt(1, 28)).padStart(2, '0')}0${randomInt(1, 9)}2${randomInt(0, 5)}${String(serial).padStart(4, '0')}`;
}

export async function createAccount(
  db: Db,
  repos: Repos,
  a: {
    username: string;
    fullName: string;
    role: Role;
    regionCode: string;
    password: string;
    residentId?: number;
    nikHash?: Buffer;
    /** An official's identity for signing letters (NIP, jabatan, pangkat/golongan). */
    official?: { nip: string; jabatan: string; pangkat: string };
  },
) {
  return repos.accounts.insert(db, {
    ...(a.official ? { nip: a.official.nip, jabatan: a.official.jabatan, pangkat_golongan: a.official.pangkat } : {}),
    username: a.username,
    full_name: a.fullName,
    role: a.role,
    region_code: a.regionCode,
    password_hash: await hashPassword(a.password),
    resident_id: a.residentId ?? null,
    nik_hash: a.nikHash ?? null,
  });
}

/** A use-case context acting as the given account (for seeds and tests). */
export function ctxOf(user: {
  id: number;
  role: Role;
  region_code: string;
  resident_id: number | null;
  full_name: string;
}): Ctx {
  return { scope: makeScope(user), actorName: user.full_name, ip: '127.0.0.1' };
}

const FIRST_M = ['Budi', 'Agus', 'Slamet', 'Hadi', 'Rudi', 'Joko', 'Bambang', 'Eko', 'Imam', 'Yusuf', 'Fajar', 'Dimas'];
const FIRST_F = ['Siti', 'Sri', 'Dewi', 'Nur', 'Rina', 'Wati', 'Lestari', 'Ayu', 'Fitri', 'Indah', 'Rahma', 'Yuni'];
const LAST = [
  'Santoso',
  'Wahyudi',
  'Hidayat',
  'Prasetyo',
  'Rahmawati',
  'Kurniawan',
  'Susanto',
  'Hartono',
  'Suryani',
  'Maulana',
];
const pick = <T>(xs: readonly T[]) => xs[randomInt(xs.length)]!;

/** A family of 2–5 living in one RT: head, spouse, children. Returns the resident ids. */
export async function createFamily(s: Services, ctx: Ctx, rtCode: string, serial: () => number) {
  const region6 = rtCode.slice(0, 8).replace(/\./g, '');
  const kk = makeKk(region6, serial());
  const last = pick(LAST);
  const year = randomInt(1960, 1995);
  const members: { name: string; sex: 'L' | 'P'; rel: string; birth: string }[] = [
    {
      name: `${pick(FIRST_M)} ${last}`,
      sex: 'L',
      rel: 'kepala_keluarga',
      birth: `${year}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`,
    },
    {
      name: `${pick(FIRST_F)} ${pick(LAST)}`,
      sex: 'P',
      rel: 'istri',
      birth: `${year + 2}-1${randomInt(0, 2)}-2${randomInt(0, 8)}`,
    },
  ];
  for (let i = 0, n = randomInt(0, 4); i < n; i++) {
    const sex = randomInt(2) ? 'L' : 'P';
    members.push({
      name: `${pick(sex === 'L' ? FIRST_M : FIRST_F)} ${last}`,
      sex,
      rel: 'anak',
      birth: `${year + 22 + i}-0${randomInt(1, 9)}-0${randomInt(1, 9)}`,
    });
  }
  const ids: number[] = [];
  for (const m of members) {
    const { id } = await s.residents.create(ctx, {
      nik: makeNik(region6, m.birth, m.sex, serial()),
      kk,
      fullName: m.name,
      sex: m.sex,
      birthPlace: 'Probolinggo',
      birthDate: m.birth,
      relationship: m.rel,
      address: `Jl. Contoh No. ${randomInt(1, 200)}`,
      rtCode,
      // What a SIAK extract carries, so letters print a full identity block.
      religion: 'islam',
      citizenship: 'WNI',
      maritalStatus: m.rel === 'anak' ? 'belum_kawin' : 'kawin',
      occupation: m.rel === 'anak' ? 'Pelajar/Mahasiswa' : m.sex === 'L' ? 'Wiraswasta' : 'Mengurus Rumah Tangga',
      education: m.rel === 'anak' ? 'slta' : 'sltp',
    });
    ids.push(id);
  }
  return { kk, ids };
}
