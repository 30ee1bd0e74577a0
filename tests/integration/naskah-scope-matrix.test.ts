// The E-Surat scope matrix (issue 15, "Done when: Scope"): every viewer × every kind of naskah × every action,
// each cell written out below and asserted. One access rule (policy.ts canSeeNaskah / repo.ts visibleTo) decides
// list, detail, PDF and search; the agenda book is per unit (headed units and below, TU desks, the city admin)
// and masks the rows of a restricted naskah its reader may not see. A refused cell leaks nothing: 404 for
// E-Surat users (nobody learns what exists), 403/401 for roles without E-Surat, and never the perihal.
//
// Naskah keluar join the table: an outgoing letter copied (tembusan) to a viewer, one copied to nobody here, and
// one of the viewers' own unit. A copy recipient reads it (list, detail, PDF, search) but does not export it: that
// is for whoever sees it otherwise (policy.ts canAdministerNaskah). Keluar naskah are tried through their own list,
// detail and PDF routes, found by search through their metadata, and are never rows of the (incoming) agenda book.
//
// Extending it: a new kind of naskah = one entry in NASKAH (how to make it) and one line in EXPECTED; a new action
// (e.g. the berkas export of the filing module) = one entry in ACTIONS (how to try it and how a cell's letters read
// for it).
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { pdfkitPdf } from '../helpers/uploads.js';

// ── Viewers ──
const VIEWERS = [
  'admin', //      the city admin (admin_kota)
  'headOwn', //    head of the naskah's unit A
  'headParent', // head of P, the parent of A
  'tu', //         TU desk of A
  'staffSame', //  staff of A
  'staffOther', // staff of D, a unit under another OPD C
  'disposed', //   staff of D whom a disposition of the naskah names
  'lurah',
  'ketuaRt',
  'warga',
  'anon', //       not signed in
] as const;
type ViewerKey = (typeof VIEWERS)[number];

// ── The expected table ──
// A cell is two letters. First, list / detail / PDF / search (page and API) and the SRIKANDI export: S = sees it
// and exports it, C = a copy: sees it, the export is refused (403: they know it exists), - = sees nothing.
// Second, the agenda book (CSV, XLSX, PDF) of the naskah's unit: R = its row with the perihal, M = its row with
// the perihal masked, N = the book opens without it (a naskah keluar is not in the book of incoming letters),
// D = the book is refused.
const EXPECTED: Record<NaskahKey, string> = {
  //                  admin headOwn headParent tu  staffSame staffOther disposed lurah ketuaRt warga anon
  ownBiasa: /*      */ 'SR   SR      SR         SR  SD        -D         -D       -D    -D      -D    -D',
  otherBiasa: /*    */ 'SR   -D      -D         -D  -D        -D         -D       -D    -D      -D    -D',
  disposedTo: /*    */ 'SR   -D      -D         -D  -D        -D         SD       -D    -D      -D    -D',
  disposedRahasia: /**/ '-M   -D      -D         -D  -D        -D         SD       -D    -D      -D    -D',
  ownRahasia: /*    */ '-M   SR      -M         SR  -D        -D         -D       -D    -D      -D    -D',
  ownSangat: /*     */ '-M   SR      -M         SR  -D        -D         -D       -D    -D      -D    -D',
  ownTerbatas: /*   */ 'SR   SR      SR         SR  SD        -D         -D       -D    -D      -D    -D',
  // Naskah keluar of the other OPD C copied to staffSame; the same, rahasia; one copied to none of them.
  copyTo: /*        */ 'SN   -D      -D         -D  CD        -D         -D       -D    -D      -D    -D',
  copyRahasia: /*   */ '-N   -D      -D         -D  CD        -D         -D       -D    -D      -D    -D',
  keluarOther: /*   */ 'SN   -D      -D         -D  -D        -D         -D       -D    -D      -D    -D',
  // Naskah keluar of A (signed by headOwn) copied to staffOther of the other OPD.
  keluarOwn: /*     */ 'SN   SN      SN         SN  SD        CD         -D       -D    -D      -D    -D',
};

// ── The naskah ──
type Who = {
  kind: 'esurat' | 'other' | 'anon';
  auth: Record<string, string>;
  cookies: Record<string, string>;
  csrf: string;
};
interface Made {
  kind: 'masuk' | 'keluar';
  id: number;
  unitId: number;
  /** The agenda number (masuk) or the letter number (keluar). */
  agenda: string;
  /** Only in the perihal: must never appear where the cell is refused. */
  perihal: string;
  /** What search looks for: only in the PDF's text layer (masuk), the second word of the perihal (keluar). */
  inText: string;
  pdf: Buffer;
}
const NASKAH = {
  ownBiasa: () => register(tuA, units.a, 'biasa'),
  otherBiasa: () => register(headC, units.c, 'biasa'),
  disposedTo: async () => disposed(await register(headC, units.c, 'biasa')),
  disposedRahasia: async () => disposed(await register(headC, units.c, 'rahasia')),
  ownRahasia: () => register(tuA, units.a, 'rahasia'),
  ownSangat: () => register(tuA, units.a, 'sangat_rahasia'),
  ownTerbatas: () => register(tuA, units.a, 'terbatas'),
  copyTo: () => outgoing(headC, units.c, 'biasa', headC, [copyOf.c]),
  copyRahasia: () => outgoing(headC, units.c, 'rahasia', headC, [copyOf.c]),
  keluarOther: () => outgoing(headC, units.c, 'biasa', headC, []),
  keluarOwn: () => outgoing(tuA, units.a, 'biasa', headOwnE, [copyOf.a]),
} satisfies Record<string, () => Promise<Made>>;
type NaskahKey = keyof typeof NASKAH;

// ── The actions ──
type Cell = { sees: boolean; copy: boolean; book: 'R' | 'M' | 'N' | 'D' };
const M = (n: Made) => (n.kind === 'masuk' ? `/surat/masuk/${n.id}` : `/surat/keluar/${n.id}`);
const API = (n: Made) => (n.kind === 'masuk' ? `/api/v1/naskah/${n.id}` : `/api/v1/naskah-keluar/${n.id}`);
const ACTIONS: { name: string; check: (w: Who, n: Made, c: Cell, at: string) => Promise<void> }[] = [
  {
    name: 'list (page and API)',
    async check(w, n, c, at) {
      const page = await get(w, n.kind === 'masuk' ? '/surat/masuk' : '/surat/keluar/daftar');
      const api = await get(w, n.kind === 'masuk' ? '/api/v1/naskah' : '/api/v1/naskah-keluar');
      if (c.sees) {
        expect(page.body, at).toContain(`naskah-row-${n.id}`);
        expect(
          api.json().items.map((x: { id: number }) => x.id),
          at,
        ).toContain(n.id);
      } else {
        if (w.kind === 'esurat') expect([page.statusCode, api.statusCode], at).toEqual([200, 200]);
        else {
          refused(w, page, at);
          refused(w, api, at);
        }
        expect(page.body, at).not.toContain(`naskah-row-${n.id}`);
      }
      noPerihal(c, [page.body, api.body], n, at);
    },
  },
  {
    name: 'detail (page and API)',
    async check(w, n, c, at) {
      for (const url of [M(n), API(n)]) {
        const res = await get(w, url);
        if (c.sees) expect([res.statusCode, res.body.includes(n.perihal)], `${at} ${url}`).toEqual([200, true]);
        else refused(w, res, `${at} ${url}`);
        noPerihal(c, [res.body], n, at);
      }
    },
  },
  {
    name: 'PDF download (page and API)',
    async check(w, n, c, at) {
      for (const url of [`${M(n)}/pdf`, `${API(n)}/pdf`]) {
        const res = await get(w, url);
        if (c.sees) expect(res.rawPayload.equals(n.pdf), `${at} ${url}`).toBe(true);
        else {
          refused(w, res, `${at} ${url}`);
          expect(res.rawPayload.includes(n.pdf.subarray(0, 200)), at).toBe(false);
        }
        noPerihal(c, [res.body], n, at);
      }
    },
  },
  {
    name: 'search by the words of its PDF or its perihal (page and API)',
    async check(w, n, c, at) {
      const page = await t.app.inject({
        method: 'POST',
        url: '/surat/masuk/cari',
        headers: w.kind === 'anon' ? {} : { cookie: cookieOf(w) },
        payload: { _csrf: w.csrf, q: n.inText },
      });
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/naskah/search',
        headers: w.auth,
        payload: { q: n.inText },
      });
      if (c.sees) {
        const where = n.kind === 'masuk' ? 'isi' : 'metadata';
        expect(page.body, at).toContain(n.kind === 'masuk' ? `naskah-found-in-text-${n.id}` : `naskah-row-${n.id}`);
        expect(api.json().items, at).toEqual([expect.objectContaining({ id: n.id, matchedIn: [where] })]);
      } else if (w.kind === 'esurat') {
        expect([page.statusCode, api.statusCode], at).toEqual([200, 200]);
        expect(api.json().items, at).toEqual([]);
        expect(page.body, at).not.toContain(`naskah-row-${n.id}`);
      } else {
        refused(w, page, at);
        refused(w, api, at);
      }
      noPerihal(c, [page.body, api.body], n, at);
    },
  },
  {
    name: 'export package for SRIKANDI (page and API)',
    async check(w, n, c, at) {
      for (const url of [`/surat/masuk/${n.id}/ekspor`, `/api/v1/naskah/${n.id}/export`]) {
        const res = await get(w, url);
        if (c.copy) expect(res.statusCode, `${at} ${url}: a copy is not exported`).toBe(403);
        else if (c.sees) {
          expect(res.statusCode, `${at} ${url}`).toBe(200);
          // A ZIP (local file header "PK\x03\x04") whose naskah.json carries the perihal.
          expect(res.rawPayload.subarray(0, 4).toString('hex'), `${at} ${url}`).toBe('504b0304');
        } else refused(w, res, `${at} ${url}`);
        noPerihal(c, [res.body], n, at);
        if (c.copy) expect(res.body, at).not.toContain(n.perihal);
      }
    },
  },
  {
    name: 'agenda book export (CSV, XLSX, PDF)',
    async check(w, n, c, at) {
      const q = `unit=${n.unitId}&dari=${today()}&sampai=${today()}`;
      for (const format of ['csv', 'xlsx', 'pdf'] as const) {
        const res = await get(w, `/surat/agenda?${q}&format=${format}`);
        const where = `${at} ${format}`;
        if (c.book === 'D') {
          refused(w, res, where);
          expect(res.body, where).not.toContain(n.perihal);
          continue;
        }
        expect(res.statusCode, where).toBe(200);
        const text = await textOf(format, res.rawPayload);
        if (c.book === 'N') {
          expect([n.kind, text.includes(n.perihal), text.replace(/\s+/g, '').includes(n.agenda)], where).toEqual([
            'keluar',
            false,
            false,
          ]);
          continue;
        }
        // The PDF may wrap a long agenda number after a '/' (a line break reads as a space).
        expect(text.replace(/\s+/g, ''), where).toContain(n.agenda);
        if (c.book === 'R') expect(text, where).toContain(n.perihal);
        else expect(text, where).not.toContain(n.perihal);
      }
    },
  },
];

// ── Setup ──
let t: TestApp;
const units = {} as Record<'p' | 'a' | 'c' | 'd', number>;
let tuA: TestEmployee, headC: TestEmployee, disposedTo: TestEmployee, headOwnE: TestEmployee;
/** Who a naskah keluar of unit A / of unit C is copied to (tembusan). */
const copyOf = {} as Record<'a' | 'c', TestEmployee>;
const who = {} as Record<ViewerKey, Who>;
const made = {} as Record<NaskahKey, Made>;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const token = (p: string) => `${p}${randomBytes(5).toString('hex')}`;

async function register(by: TestEmployee, unitId: number, securityClass: string): Promise<Made> {
  const perihal = token('perihal');
  const inText = token('isi');
  const pdf = await pdfkitPdf(`Dengan hormat, ${inText}.`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/naskah',
    headers: by.auth,
    payload: {
      idempotencyKey: token('k'),
      unitId,
      senderInstansi: 'Dinas Kominfo Provinsi',
      senderNumber: token('005/'),
      senderDate: today(),
      receivedDate: today(),
      perihal,
      classificationCode: '000.1',
      urgency: 'biasa',
      securityClass,
      kindCode: 'surat_biasa',
      pdf: pdf.toString('base64'),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { kind: 'masuk', id: res.json().id, unitId, agenda: res.json().agendaNumber, perihal, inText, pdf };
}
/** A naskah keluar drafted by `by`, signed by `signer` (the only acting step), copied to `copies`. */
async function outgoing(
  by: TestEmployee,
  unitId: number,
  securityClass: string,
  signer: TestEmployee,
  copies: TestEmployee[],
): Promise<Made> {
  const inText = token('isi');
  const perihal = `${token('perihal')} ${inText}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/naskah-keluar',
    headers: by.auth,
    payload: {
      idempotencyKey: token('kel-'),
      unitId,
      kindCode: 'surat_biasa',
      perihal,
      classificationCode: '000.1',
      securityClass,
      urgency: 'biasa',
      addressees: [
        { type: 'external', name: 'Kepala Balai', address: 'Jl. Merdeka 1', email: 'tu@balai.example.go.id' },
      ],
      body: 'Dengan hormat,\nkami sampaikan laporan.\nTerima kasih.',
      routing: [
        { role: 'tandatangan', employeeId: signer.id },
        ...copies.map((c) => ({ role: 'tembusan', employeeId: c.id })),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id: number = res.json().id;
  const signed = await t.app.inject({ method: 'POST', url: `/api/v1/naskah-keluar/${id}/sign`, headers: signer.auth });
  expect(signed.statusCode, signed.body).toBe(200);
  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/naskah-keluar/${id}/pdf`, headers: signer.auth });
  expect(pdf.statusCode).toBe(200);
  return { kind: 'keluar', id, unitId, agenda: signed.json().number, perihal, inText, pdf: pdf.rawPayload };
}
async function disposed(n: Made): Promise<Made> {
  const instruction = t.services.correspondence.reference.instructions[0]!.code;
  await t.services.correspondence.dispositions.dispose(headC.ctx, n.id, {
    parentId: null,
    to: [disposedTo.id],
    instructions: [instruction],
    dueDate: today(),
    note: '',
  });
  return n;
}
const cookieOf = (w: Who) =>
  Object.entries(w.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
const get = (w: Who, url: string) => t.app.inject({ method: 'GET', url, headers: w.auth });
function refused(w: Who, res: { statusCode: number }, at: string) {
  const allowed = w.kind === 'esurat' ? [404] : w.kind === 'other' ? [403] : [401, 302, 303];
  expect(allowed, `${at}: status ${res.statusCode}`).toContain(res.statusCode);
}
function noPerihal(c: Cell, bodies: string[], n: Made, at: string) {
  if (!c.sees) for (const b of bodies) expect(b, `${at}: perihal leaked`).not.toContain(n.perihal);
}
async function textOf(format: 'csv' | 'xlsx' | 'pdf', body: Buffer): Promise<string> {
  if (format === 'csv') return body.toString('utf8');
  if (format === 'pdf') {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
    return text.replace(/\s+/g, ' ');
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((s) => s.eachRow((r) => r.eachCell((cell) => void cells.push(String(cell.value ?? '')))));
  return cells.join(' ');
}
function cellOf(n: NaskahKey, v: ViewerKey): Cell {
  const code = EXPECTED[n].trim().split(/\s+/)[VIEWERS.indexOf(v)]!;
  expect(code, `EXPECTED.${n} has a cell for ${v}`).toMatch(/^[SC-][RMND]$/);
  return { sees: code[0] !== '-', copy: code[0] === 'C', book: code[1] as Cell['book'] };
}

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const kel = area.kec[0]!.kel[0]!;
  const admin = await t.createUser('admin_kota', area.city);
  units.p = (await createUnit(t, admin, { name: 'Dinas Induk' })).id;
  units.a = (await createUnit(t, admin, { name: 'Bidang A', parentId: units.p })).id;
  units.c = (await createUnit(t, admin, { name: 'Dinas Lain' })).id;
  units.d = (await createUnit(t, admin, { name: 'Bidang D', parentId: units.c })).id;
  const headParent = await createEmployee(t, admin, { unitId: units.p, head: true });
  const headOwn = await createEmployee(t, admin, { unitId: units.a, head: true });
  tuA = await createEmployee(t, admin, { unitId: units.a });
  await t.services.correspondence.addDesk(admin.ctx, units.a, tuA.nip);
  const staffSame = await createEmployee(t, admin, { unitId: units.a });
  headC = await createEmployee(t, admin, { unitId: units.c, head: true });
  const staffOther = await createEmployee(t, admin, { unitId: units.d });
  headOwnE = headOwn;
  copyOf.c = staffSame;
  copyOf.a = staffOther;
  disposedTo = await createEmployee(t, admin, { unitId: units.d });
  const esurat = (x: { auth: Record<string, string>; cookies: Record<string, string>; csrf: string }): Who => ({
    kind: 'esurat',
    auth: x.auth,
    cookies: x.cookies,
    csrf: x.csrf,
  });
  const other = async (role: 'lurah' | 'ketua_rt' | 'warga', region: string): Promise<Who> => ({
    ...esurat(await t.createUser(role, region)),
    kind: 'other',
  });
  Object.assign(who, {
    admin: esurat(admin),
    headOwn: esurat(headOwn),
    headParent: esurat(headParent),
    tu: esurat(tuA),
    staffSame: esurat(staffSame),
    staffOther: esurat(staffOther),
    disposed: esurat(disposedTo),
    lurah: await other('lurah', kel.code),
    ketuaRt: await other('ketua_rt', kel.rts[0]!),
    warga: await other('warga', kel.rts[0]!),
    anon: { kind: 'anon', auth: {}, cookies: {}, csrf: '' },
  } satisfies Record<ViewerKey, Who>);
  for (const k of Object.keys(NASKAH) as NaskahKey[]) made[k] = await NASKAH[k]();
});
afterAll(() => t.close());

describe('the expected table', () => {
  it('has a line per naskah and a cell per viewer', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(NASKAH).sort());
    for (const n of Object.keys(EXPECTED) as NaskahKey[])
      expect(EXPECTED[n].trim().split(/\s+/), n).toHaveLength(VIEWERS.length);
  });
});

for (const n of Object.keys(NASKAH) as NaskahKey[])
  describe(`naskah ${n}`, () => {
    for (const v of VIEWERS)
      it(`${v}: ${EXPECTED[n].trim().split(/\s+/)[VIEWERS.indexOf(v)]}`, async () => {
        const cell = cellOf(n, v);
        for (const a of ACTIONS) await a.check(who[v], made[n], cell, `${n} × ${v} × ${a.name}`);
      });
  });
