// The naskah an office accepts (issue 12, Permendagri 1/2023): the signer's NIP,
// jabatan and pangkat on the letter; plain staff sign only by delegation
// (a.n./u.b./Plt./Plh.); the office's kop and own unit code; the RT/RW
// pengantar it rests on; the kelurahan's own number on a kecamatan letter.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { hasPoppler } from '../helpers/qr.js';
import { createChain, submitBody } from '../helpers/requests.js';
import { SEED_PNG } from '../helpers/uploads.js';
import { makeNip } from '../helpers/staff.js';

let t: TestApp;
const work = mkdtempSync(join(tmpdir(), 'pamong-naskah-'));
type Who = { auth: Record<string, string> };
const act = (who: Who, id: number, action: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/actions`, headers: who.auth, payload: { action } });
const submit = async (c: Awaited<ReturnType<typeof createChain>>, type = 'domisili') => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: c.rt.auth,
    payload: submitBody(c.residentId, type),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
};
const payloadOf = async (requestId: number) =>
  (await t.db
    .selectFrom('letters')
    .select(['payload', 'number'])
    .where('request_id', '=', requestId)
    .executeTakeFirst())!;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await t.close();
});

describe('the signer', () => {
  it('prints the lurah with jabatan, pangkat and NIP, and the RT/RW pengantar behind the letter', async () => {
    const c = await createChain(t);
    await t.services.letters.saveOffice(c.admin.ctx, c.kel.code, {
      kode_unit: 'Kel.Uji',
      address: 'Jalan Mastrip 12',
      phone: '(0335) 421000',
      email: 'kel.uji@contoh.go.id',
      website: 'kelurahan.contoh.go.id',
      postal_code: '67211',
    });
    await t.services.letters.setLambang(c.admin.ctx, SEED_PNG);
    const id = await submit(c);
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
    expect((await act(c.lurah, id, 'approve')).statusCode).toBe(200);
    const { payload, number } = await payloadOf(id);
    const p = payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const nip = (await t.db.selectFrom('users').select('nip').where('id', '=', c.lurah.user.id).executeTakeFirst())!
      .nip!;
    expect(p.v).toBe(2);
    expect(number).toMatch(/\/Kel\.Uji\/\d{4}$/);
    expect(p.signer.nip).toBe(nip);
    expect(p.signer.foot).toEqual(['Uji lurah', 'Penata Tingkat I (III/d)', `NIP. ${nip}`]);
    expect(p.signer.heading[0]).toMatch(/^LURAH /);
    expect(p.kop.contact.join(' ')).toContain('Kode Pos 67211');
    expect(p.kop.lambangSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.pengantar.map((x: { level: string }) => x.level)).toEqual(['rt', 'rw']);
    expect(p.pengantarText).toMatch(/^Berdasarkan surat pengantar Ketua RT 001 \(Uji ketua_rt\) Nomor /);
    expect(JSON.stringify([p.opening, p.identity, p.pengantarText, p.text, p.closing])).not.toMatch(
      /\d{4}-\d{2}-\d{2}/,
    );

    if (!hasPoppler()) return; // .ci/run installs poppler-utils; `npm test` alone needs nothing but Node
    const pdf = await t.app.inject({ method: 'GET', url: `/layanan/${id}/surat.pdf`, headers: c.lurah.auth });
    expect(pdf.statusCode).toBe(200);
    const file = join(work, `${id}.pdf`);
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain(`NIP. ${nip}`);
    expect(text).toContain('KECAMATAN');
    expect(text).toContain('Kode Pos 67211');
    expect(text).toContain('Berdasarkan surat pengantar Ketua RT 001');
    expect(text).toMatch(/Ketua RW 001/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const pages = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(pages).toMatch(/Pages:\s+1\n/);
  });

  it('refuses plain staff, and lets them sign a.n. the lurah once delegated', async () => {
    const c = await createChain(t);
    const staf = await t.createUser('staf_kelurahan', c.kel.code);
    const id = await submit(c);
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
    const refused = await act(staf, id, 'approve');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/pejabat yang diberi kuasa/);
    // Nothing was written: the request still waits at the kelurahan, no letter.
    expect((await t.db.selectFrom('letters').select('id').where('request_id', '=', id).execute()).length).toBe(0);

    const nip = makeNip();
    await t.services.accounts.setOfficialIdentity(c.admin.ctx, staf.user.id, {
      nip,
      jabatan: 'Sekretaris Kelurahan',
      pangkat: 'Penata (III/c)',
    });
    await t.services.letters.addDelegation(c.lurah.ctx, c.kel.code, {
      userId: staf.user.id,
      mode: 'an',
      viaJabatan: '',
      validFrom: '2026-01-01',
      validTo: '',
    });
    expect((await act(staf, id, 'approve')).statusCode).toBe(200);
    const p = (await payloadOf(id)).payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(p.signer.heading).toEqual([expect.stringMatching(/^a\.n\. LURAH /), 'Sekretaris Kelurahan,']);
    expect(p.signer.foot).toEqual(['Uji staf_kelurahan', 'Penata (III/c)', `NIP. ${nip}`]);
  });

  it('refuses a head of office whose NIP is not on record, with what to do', async () => {
    const c = await createChain(t);
    await t.db.updateTable('users').set({ nip: null }).where('id', '=', c.lurah.user.id).execute();
    const id = await submit(c);
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
    const r = await act(c.lurah, id, 'approve');
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toMatch(/NIP dan jabatan Anda belum tercatat/);
  });

  it('numbers the kelurahan letter at its stage and prints it as "Mengetahui" on the camat letter', async () => {
    const c = await createChain(t);
    const base = (await t.services.catalogue.list()).find((x) => x.code === 'domisili')!;
    const code = `kec_${randomBytes(3).toString('hex')}`;
    await t.services.catalogue.create(c.admin.ctx, {
      code,
      name: 'Surat Rekomendasi Uji',
      classification: base.classification,
      route: ['rt', 'rw', 'kelurahan', 'kecamatan'],
      stage_budgets: { rt: 10, rw: 10, kelurahan: 10, kecamatan: 15 },
      total_budget_minutes: 45,
      validity_days: 30,
      fields: [],
      attachments: base.attachments,
      template: 'Orang tersebut benar warga kami.',
    });
    const id = await submit(c, code);
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
    expect((await act(c.lurah, id, 'approve')).statusCode).toBe(200);
    const e = await t.db.selectFrom('letter_endorsements').selectAll().where('request_id', '=', id).execute();
    expect(e).toHaveLength(1);
    expect((await act(c.camat, id, 'approve')).statusCode).toBe(200);
    const p = (await payloadOf(id)).payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(p.endorsement.number).toBe(e[0]!.number);
    expect(p.endorsement.heading[0]).toMatch(/^LURAH /);
    expect(p.signer.heading[0]).toMatch(/^CAMAT /);
    expect(p.kop.heading).toHaveLength(2); // PEMERINTAH KOTA …, KECAMATAN …
  });
});

describe('the office page', () => {
  it('answers every bad field at once and keeps what was typed', async () => {
    const c = await createChain(t);
    const res = await t.app.inject({
      method: 'POST',
      url: `/kantor/${c.kel.code}`,
      cookies: c.lurah.cookies,
      payload: {
        _csrf: c.lurah.csrf,
        kode_unit: 'Kel Uji',
        address: 'Jalan Baru 1',
        phone: 'telepon',
        email: 'bukan-email',
        website: '',
        postal_code: '672',
      },
    });
    expect(res.statusCode).toBe(422);
    for (const msg of [
      'Kode unit paling banyak',
      'Kode pos terdiri dari 5 angka',
      'Tulis alamat pos-el',
      'Telepon hanya',
    ])
      expect(res.body).toContain(msg);
    expect(res.body).toContain('value="Jalan Baru 1"');
    // Another kelurahan's office is not this lurah's to keep.
    const other = await createChain(t);
    const denied = await t.app.inject({ method: 'GET', url: `/kantor/${other.kel.code}`, cookies: c.lurah.cookies });
    expect(denied.statusCode).toBe(403);
    const menu = await t.app.inject({ method: 'GET', url: '/', cookies: c.lurah.cookies });
    expect(menu.body).toContain('href="/kantor"');
  });
});

describe('the death letter', () => {
  it('describes the deceased, names the reporter, and marks the deceased in the register when issued', async () => {
    const c = await createChain(t);
    const [reporter, deceased] = c.familyIds;
    const full = await t.services.residents.viewFull(c.admin.ctx, deceased!);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(reporter!, 'kematian', {
        purpose: 'Mengurus akta kematian',
        fields: {
          nik_almarhum: full.nik,
          nama_almarhum: full.full_name,
          tempat_lahir_almarhum: 'Probolinggo',
          tanggal_lahir_almarhum: '1950-01-02',
          alamat_almarhum: 'Jl. Contoh 1',
          tanggal_meninggal: '2026-11-30',
          pukul_meninggal: '04:30',
          tempat_meninggal: 'Rumah',
          sebab_kematian: 'Sakit',
          hubungan_pelapor: 'Anak',
        },
      }),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as number;
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
    expect((await t.services.residents.viewFull(c.admin.ctx, deceased!)).status).toBe('hidup');
    expect((await act(c.lurah, id, 'approve')).statusCode).toBe(200);
    const after = await t.services.residents.viewFull(c.admin.ctx, deceased!);
    expect(after.status).toBe('meninggal');
    const p = (await payloadOf(id)).payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(p.text).toContain(full.full_name);
    expect(p.text).toContain('Senin, 30 November 2026');
    expect(p.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
