// Appointing a head by choosing a person from the register: the search is a
// POST with masked NIKs, the head account is created (temporary password shown
// once, never stored in a flash or URL) or the person's earlier one linked, the
// term keeps the resident, and the Perwali's term rules warn (not block) on a
// third consecutive term. The pact PDF prints the kop, the head's NIK and post,
// the lurah's NIP, and Indonesian punctuation without stray glyphs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctxOf, makeKk, makeNik } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { hasPoppler } from '../helpers/qr.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let lurah: U, admin: U, otherLurah: U;
let kel: { code: string; rw: string; rts: string[] };
let seq = 0;
const people: Record<string, { id: number; nik: string }> = {};

const post = (url: string, who: U, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload });
const form = (url: string, who: U, payload: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, cookies: who.cookies, payload: { _csrf: who.csrf, ...payload } });

async function resident(name: string, rtCode: string) {
  const region6 = rtCode.split('.').slice(0, 3).join('');
  const nik = makeNik(region6, '1980-03-12', 'L', 7000 + ++seq);
  const { id } = await t.services.residents.create(admin.ctx, {
    nik,
    kk: makeKk(region6, 7000 + seq),
    fullName: name,
    sex: 'L',
    birthDate: '1980-03-12',
    relationship: 'kepala_keluarga',
    rtCode,
  });
  people[name] = { id, nik };
  return { id, nik };
}

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  kel = area.kec[0]!.kel[0]!;
  admin = await t.createUser('admin_kota', area.city);
  lurah = await t.createUser('lurah', kel.code);
  otherLurah = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
  await resident('Sutrisno Wijaya', kel.rts[0]!);
  await resident('Rahmat Hidayat', kel.rts[1]!);
  await resident('Sutrisno Kedua', area.kec[0]!.kel[1]!.rts[0]!);
});
afterAll(() => t.close());

describe('appointing by choosing a person', () => {
  it('searches the kelurahan by name or full NIK (POST), answering masked NIKs only', async () => {
    const byName = await post(`/api/v1/rt-rw/regions/${kel.rts[0]}/residents/search`, lurah, { q: 'sutrisno' });
    expect(byName.statusCode, byName.body).toBe(200);
    const items = byName.json().items as { id: number; name: string; nikMasked: string }[];
    // The namesake in another kelurahan is not offered.
    expect(items.map((i) => i.name)).toEqual(['Sutrisno Wijaya']);
    expect(byName.body).not.toContain(people['Sutrisno Wijaya']!.nik);
    expect(items[0]!.nikMasked).toMatch(/\*{4}/);
    const byNik = await post(`/api/v1/rt-rw/regions/${kel.rts[0]}/residents/search`, lurah, {
      q: people['Rahmat Hidayat']!.nik,
    });
    expect((byNik.json().items as { name: string }[]).map((i) => i.name)).toEqual(['Rahmat Hidayat']);
    const page = await form(`/rt-rw/${kel.rts[0]}/cari`, lurah, { q: 'Sutrisno', position: 'ketua' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-testid="appoint-pick-${people['Sutrisno Wijaya']!.id}"`);
    expect(page.body).not.toContain(people['Sutrisno Wijaya']!.nik);
    const short = await form(`/rt-rw/${kel.rts[0]}/cari`, lurah, { q: 'S', position: 'ketua' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('paling sedikit 2 huruf');
    // Another kelurahan's lurah: 404 for the post.
    expect(
      (await post(`/api/v1/rt-rw/regions/${kel.rts[0]}/residents/search`, otherLurah, { q: 'su' })).statusCode,
    ).toBe(404);
  });

  it('picks, confirms and appoints: the account is created, its temporary password shown once; the term keeps the resident', async () => {
    const who = people['Sutrisno Wijaya']!;
    const pick = await form(`/rt-rw/${kel.rts[0]}/pilih`, lurah, { residentId: String(who.id), position: 'ketua' });
    expect(pick.statusCode, pick.body).toBe(200);
    expect(pick.body).toContain('data-testid="appoint-confirm-form"');
    expect(pick.body).not.toContain('name="userId"');
    const start = /name="startDate"[^>]*value="(\d{4}-\d{2}-\d{2})"/.exec(pick.body)?.[1];
    const end = /name="endDate"[^>]*value="(\d{4}-\d{2}-\d{2})"/.exec(pick.body)?.[1];
    expect(start).toBeTruthy();
    expect(Number(end!.slice(0, 4)) - Number(start!.slice(0, 4))).toBe(t.config.rtrwTerms.years);

    const done = await form(`/rt-rw/${kel.rts[0]}/angkat`, lurah, {
      residentId: String(who.id),
      position: 'ketua',
      startDate: start!,
      endDate: '',
      decreeNumber: 'SK/7/2026',
    });
    expect(done.statusCode, done.body).toBe(200);
    const password = /data-testid="appoint-temp-password">([a-z0-9]+)</.exec(done.body)?.[1];
    const username = /data-testid="appoint-username">([^<]+)</.exec(done.body)?.[1];
    expect(password).toMatch(/^[a-z0-9]{10}$/);
    expect(username).toBe('sutrisno.wijaya');
    expect(String(done.headers['set-cookie'] ?? '')).not.toContain(password!);
    expect(done.headers['cache-control']).toContain('no-store');

    const term = (await t.db
      .selectFrom('rtrw_terms' as never)
      .selectAll()
      .where('resident_id' as never, '=', who.id as never)
      .executeTakeFirstOrThrow()) as {
      user_id: number;
      person_name: string;
      end_date: unknown;
    };
    expect(term.person_name).toBe('Sutrisno Wijaya');
    const account = await t.db.selectFrom('users').selectAll().where('id', '=', term.user_id).executeTakeFirstOrThrow();
    expect([account.role, account.region_code, account.must_change_password]).toEqual(['ketua_rt', kel.rts[0], true]);
    // The new head signs in with the temporary password (and is sent to change it).
    const login = await t.services.accounts.login({
      loginId: username!,
      password: password!,
      ip: '10.9.9.9',
      userAgent: 'vitest',
    });
    expect(login.token).toBeTruthy();
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('region_code', '=', kel.rts[0]!)
      .where('action', 'in', ['rtrw.appointed', 'user.created'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['rtrw.appointed', 'user.created']);
    expect(JSON.stringify(audit)).not.toContain(password!);
  });

  it('links the same person’s account on re-election and warns on a third consecutive term, kept in the audit', async () => {
    const who = people['Rahmat Hidayat']!;
    const code = kel.rts[1]!;
    const appoint = (startDate: string) =>
      post(`/api/v1/rt-rw/regions/${code}/terms`, lurah, { position: 'ketua', residentId: who.id, startDate });
    const first = await appoint('2016-01-01');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().account.created).toBe(true);
    expect(first.json().warnings).toEqual([]);
    const second = await appoint('2021-01-01');
    expect(second.json().account).toMatchObject({
      id: first.json().account.id,
      created: false,
      temporaryPassword: null,
    });
    expect(second.json().warnings).toEqual([]);
    // The same submission twice (a double tap): one term, the second answered 409.
    const again = await appoint('2021-01-01');
    expect(again.statusCode).toBe(409);
    const third = await appoint('2026-01-01');
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json().warnings).toEqual([{ key: 'heads.warn_consecutive', params: { count: 3, max: 2 } }]);
    const rec = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'rtrw.appointed')
      .where('entity_id', '=', String(third.json().id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(rec.details)).toContain('warn_consecutive');
    // Longer than the Perwali's term: a warning on the result page, not a refusal.
    const long = await form(`/rt-rw/${code}/angkat`, lurah, {
      residentId: String(who.id),
      position: 'sekretaris',
      startDate: '2026-01-01',
      endDate: '2032-06-30',
    });
    expect(long.statusCode, long.body).toBe(200);
    expect(long.body).toContain('data-testid="appoint-warning-warn_term_long"');
  });

  it('refuses a resident of another kelurahan, saying what to do; the typed-name path still works', async () => {
    const r = await form(`/rt-rw/${kel.rts[0]}/angkat`, lurah, {
      residentId: String(people['Sutrisno Kedua']!.id),
      position: 'bendahara',
      startDate: '2026-01-01',
    });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('tidak terdaftar (hidup) di kelurahan ini');
    const typed = await form(`/rt-rw/${kel.rts[0]}/angkat`, lurah, {
      position: 'bendahara',
      name: 'Warga Luar Daftar',
      startDate: '2026-01-01',
      endDate: '2030-12-31',
    });
    expect(typed.statusCode).toBe(303);
  });
});

describe('the pact PDF', () => {
  const body = 'Saya berjanji “melayani” warga – tanpa pungutan — dan menjaga data ’rahasia’.';
  let signed: { id: number; verify_code: string } | null = null;
  /** The head appointed above signs the pact published here; the lurah countersigns (once for both tests). */
  async function signedPact() {
    if (signed) return signed;
    const city = kel.code.split('.').slice(0, 2).join('.');
    const pub = await post(`/api/v1/rt-rw/pakta/versions/${city}`, admin, { title: 'Pakta Integritas', body });
    expect(pub.statusCode, pub.body).toBe(201);
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'sutrisno.wijaya')
      .executeTakeFirstOrThrow();
    signed = await t.services.rtrw.signPact(ctxOf({ ...user, role: 'ketua_rt' }));
    const cs = await post(`/api/v1/rt-rw/pakta/signatures/${signed.id}/countersign`, lurah);
    expect(cs.statusCode, cs.body).toBe(200);
    return signed;
  }

  it.skipIf(!hasPoppler())(
    'prints the kop, the head’s NIK and post, place and date, the lurah’s NIP, and punctuation without stray glyphs',
    async () => {
      const signed = await signedPact();
      const pdf = await t.app.inject({ method: 'GET', url: `/rt-rw/pakta/${signed.id}.pdf`, headers: lurah.auth });
      expect(pdf.statusCode).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'pamong-pakta-'));
      try {
        writeFileSync(join(dir, 'p.pdf'), pdf.rawPayload);
        const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-']).toString('utf8');
        const lurahNip = (
          await t.db.selectFrom('users').select('nip').where('id', '=', lurah.user.id).executeTakeFirstOrThrow()
        ).nip!;
        expect(text).toContain(`NIP ${lurahNip}`);
        expect(text).toContain('Ketua RT 001 / RW 001');
        expect(text).not.toContain('RT RT');
        expect(text).toContain('PEMERINTAH KOTA UJI');
        expect(text).toContain('KELURAHAN 1-1');
        expect(text).toContain(people['Sutrisno Wijaya']!.nik);
        expect(text).toMatch(/Uji \d{2}\.\d{2}, \d{1,2} [A-Z][a-z]+ \d{4}/);
        expect(text).toContain('WIB');
        for (const ch of ['“melayani”', '–', '—', '’rahasia’']) expect(text).toContain(ch);
        expect(text).not.toMatch(/[Ð\uFFFD]/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // The printing is audited (it shows the full NIK), without the NIK in the record.
      const rec = await t.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'rtrw.pact_printed')
        .where('entity_id', '=', String(signed.id))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(rec.details)).not.toContain(people['Sutrisno Wijaya']!.nik);
    },
  );

  it('shows the verification times in the city’s zone (WIB)', async () => {
    const sig = await signedPact();
    const page = await t.app.inject({ method: 'GET', url: `/v/pakta/${sig.verify_code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('WIB');
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});
