// Paying and protecting heads (issue 13): payment identity (encrypted, masked,
// full view audited), an honor run for a kelurahan with PPh 21 per the
// configured rule whose payment list totals equal the kuitansi net amounts,
// the transfer proof (once), and a BPJS death claim that moves to diproses only
// with its heirs and required documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PPH21, pph21, terbilang } from '../../src/modules/rtrw-programme/honor-rules.js';
import { makeNik } from '../../src/seed/factories.js';
import { ConfigError } from '../../src/config.js';
import { moneyConfigFrom } from '../../src/modules/rtrw-programme/money-config.js';
import { createTestApp, testConfig, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { PHOTO_JPEG } from '../helpers/uploads.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let kel: string, lurah: U, otherLurah: U, admin: U, rt1: U, rt2: U, rw: U, camat: U;
const A = '/api/v1/program-rtrw';
const P = '/program-rtrw';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const k = area.kec[0]!.kel[0]!;
  kel = k.code;
  admin = await t.createUser('admin_kota', area.city);
  lurah = await t.createUser('lurah', kel);
  otherLurah = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
  camat = await t.createUser('camat', area.kec[0]!.code);
  rt1 = await t.createUser('ketua_rt', k.rts[0]!);
  rt2 = await t.createUser('ketua_rt', k.rts[1]!);
  rw = await t.createUser('ketua_rw', k.rw);
});
afterAll(() => t.close());

const get = (u: U, url: string) => t.app.inject({ method: 'GET', url, headers: u.auth });
const api = (u: U, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: u.auth, payload });
const form = (u: U, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: u.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: u.csrf, ...fields }).toString(),
  });
const upload = (u: U, url: string, fields: Record<string, string>, content: Buffer, type = 'application/pdf') => {
  const body = multipart({ _csrf: u.csrf, ...fields }, [{ name: 'file', filename: 'bukti.pdf', type, content }]);
  return t.app.inject({ method: 'POST', url, cookies: u.cookies, headers: body.headers, payload: body.payload });
};
/** Audit records of an action on an entity — by `actor` when given: on a shared PostgreSQL other files audit the same period. */
const audits = async (action: string, entityId: string, actor?: number) =>
  (
    await t.database.pool.query(
      'select count(*)::int as n from audit_log where action = $1 and entity_id = $2 and ($3::int is null or actor_user_id = $3)',
      [action, entityId, actor ?? null],
    )
  ).rows[0].n as number;

/** The text runs of an uncompressed pdfkit file (hex strings in TJ arrays, WinAnsi). */
function pdfTexts(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  return [...src.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) =>
    [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''),
  );
}
const rupiah = (s: string) => Number(s.replace(/[^0-9]/g, ''));

const NIK1 = makeNik('357401', '1980-02-03', 'L', 11);
const NIK2 = makeNik('357401', '1982-04-05', 'P', 12);

describe('payment identity', () => {
  it('the lurah enters it; lists show it masked; the full view is an audited action of managers only', async () => {
    let res = await form(lurah, `${P}/identitas/${rt1.user.id}`, {
      nik: NIK1,
      bankName: 'Bank Jatim',
      accountNumber: '0011223344',
      accountHolder: rt1.user.full_name,
      npwp: '12.345.678.9-012.345',
    });
    expect(res.statusCode, res.body).toBe(303);
    // A bad NIK re-renders with a message and keeps what was typed.
    res = await form(lurah, `${P}/identitas/${rt2.user.id}`, {
      nik: '1234',
      bankName: 'Bank BRI',
      accountNumber: '5566778899',
      accountHolder: 'Pemilik Rekening Dua',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('NIK harus 16 angka');
    expect(res.body).toContain('Pemilik Rekening Dua');
    res = await form(lurah, `${P}/identitas/${rt2.user.id}`, {
      nik: NIK2,
      bankName: 'Bank BRI',
      accountNumber: '5566778899',
      accountHolder: 'Pemilik Rekening Dua',
    });
    expect(res.statusCode, res.body).toBe(303);
    // The RW head: account only, no NIK, no NPWP (the no-NPWP surcharge applies).
    res = await form(lurah, `${P}/identitas/${rw.user.id}`, {
      bankName: 'Bank Jatim',
      accountNumber: '9988776655',
      accountHolder: rw.user.full_name,
    });
    expect(res.statusCode, res.body).toBe(303);

    const stored = await t.database.pool.query('select * from head_payment_identities where user_id = $1', [
      rt1.user.id,
    ]);
    expect(stored.rows[0].account_masked).toBe('******3344');
    expect(String(stored.rows[0].account_enc)).not.toContain('0011223344');

    const masked = await get(rt1, `${P}/identitas/${rt1.user.id}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('******3344');
    expect(masked.body).not.toContain('0011223344');
    expect(masked.body).not.toContain('data-testid="identity-form"');
    expect((await get(rt1, `${P}/identitas/${rt2.user.id}`)).statusCode).toBe(404);
    expect((await get(otherLurah, `${P}/identitas/${rt1.user.id}`)).statusCode).toBe(404);
    expect((await form(rt1, `${P}/identitas/${rt1.user.id}/lihat`, {})).statusCode).toBe(403);

    const before = await audits('rtrw.payment_identity_viewed', String(rt1.user.id));
    const full = await form(lurah, `${P}/identitas/${rt1.user.id}/lihat`, {});
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain('0011223344');
    expect(full.body).toContain('123456789012345');
    expect(full.body).toContain('data-testid="identity-full"');
    expect(await audits('rtrw.payment_identity_viewed', String(rt1.user.id))).toBe(before + 1);
    expect(await audits('rtrw.payment_identity_saved', String(rt1.user.id))).toBe(1);
  });
});

describe('honor run with PPh 21', () => {
  it('payment list totals equal the sum of the kuitansi net amounts, taxed by the configured rule', async () => {
    for (const [role, amount] of [
      ['ketua_rt', 1_250_000],
      ['ketua_rw', 1_500_000],
    ] as const) {
      const r = await api(admin, `${A}/allowance-rates`, {
        regionCode: kel,
        role,
        amount,
        period: 'bulanan',
        validFrom: '2020-01-01',
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
    const heads = [rt1, rt2, rw];
    for (const h of heads) {
      for (let i = 0; i < 2; i++) {
        const r = await api(lurah, `${A}/allowance-payments`, { period: '2026-01', userId: h.user.id });
        expect(r.statusCode, r.body).toBeLessThan(300);
      }
    }
    const rows = await t.database.pool.query(
      'select id, user_id, amount, dpp, tax, net, tax_rule from allowance_payments where period = $1 and user_id = any($2) order by user_id',
      ['2026-01', heads.map((h) => h.user.id)],
    );
    expect(rows.rows).toHaveLength(3); // paid once each, though pressed twice
    const byUser = new Map(rows.rows.map((r) => [r.user_id as number, r]));
    // rt1 has an NPWP, rt2 a NIK (counts as NPWP), rw neither: 20 % more.
    expect(byUser.get(rt1.user.id)).toMatchObject({ amount: 1_250_000, dpp: 625_000, tax: 31_250, net: 1_218_750 });
    expect(byUser.get(rt2.user.id)).toMatchObject({ tax: 31_250 });
    expect(byUser.get(rw.user.id)).toMatchObject({ tax: pph21(DEFAULT_PPH21, 1_500_000, 0, false).tax });
    expect(byUser.get(rw.user.id)!.tax).toBe(45_000);
    expect(byUser.get(rt1.user.id)!.tax_rule).toMatchObject({ version: 'PMK-168-2023', hasNpwp: true, priorDpp: 0 });

    // A second month for rt1: the year's tax base is cumulative.
    await api(lurah, `${A}/allowance-payments`, { period: '2026-02', userId: rt1.user.id });
    const feb = await t.database.pool.query(
      'select tax_rule from allowance_payments where period = $1 and user_id = $2',
      ['2026-02', rt1.user.id],
    );
    expect(feb.rows[0].tax_rule.priorDpp).toBe(625_000);

    // The finance office's list: full account numbers, totals, and the download audited.
    const list = await get(lurah, `${P}/honor/daftar-bayar?under=${kel}&period=2026-01&format=csv`);
    expect(list.statusCode).toBe(200);
    expect(String(list.headers['content-disposition'])).toContain('rekening-lengkap-tercatat-audit');
    const lines = list.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0]!;
    const netCol = header.indexOf('Netto');
    const taxCol = header.indexOf('PPh 21');
    expect(netCol).toBeGreaterThan(0);
    const data = lines.slice(1, -1);
    const total = lines.at(-1)!;
    expect(data).toHaveLength(3);
    expect(list.body).toContain('0011223344');
    expect(list.body).toContain('5566778899');
    expect(Number(total[netCol])).toBe(data.reduce((a, r) => a + Number(r[netCol]), 0));
    expect(Number(total[taxCol])).toBe(31_250 + 31_250 + 45_000);
    expect(await audits('allowance.payment_list_exported', '2026-01', lurah.user.id)).toBe(1);
    const xlsx = await get(lurah, `${P}/honor/daftar-bayar?under=${kel}&period=2026-01&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(await audits('allowance.payment_list_exported', '2026-01', lurah.user.id)).toBe(2);

    // Each head's kuitansi: net in figures and words; their sum equals the list's total.
    let kuitansiSum = 0;
    for (const r of rows.rows) {
      const pdf = await get(lurah, `${P}/honor/pembayaran/${r.id}/kuitansi`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const texts = pdfTexts(pdf.rawPayload);
      expect(texts).toContain('KUITANSI');
      const net = rupiah(texts[texts.indexOf('Diterima bersih') + 2]!);
      expect(net).toBe(r.net);
      expect(rupiah(texts[texts.indexOf('PPh 21 dipotong') + 2]!)).toBe(r.tax);
      expect(texts).toContain(terbilang(net));
      expect(texts.some((x) => x.startsWith('Pemerintah Kota'))).toBe(true);
      kuitansiSum += net;
    }
    expect(kuitansiSum).toBe(Number(total[netCol]));

    // The head reads their own kuitansi, not another's; another kelurahan's lurah finds none.
    const mine = byUser.get(rt1.user.id)!.id as number;
    const theirs = byUser.get(rt2.user.id)!.id as number;
    expect((await get(rt1, `${P}/honor/pembayaran/${mine}/kuitansi`)).statusCode).toBe(200);
    expect((await get(rt1, `${P}/honor/pembayaran/${theirs}/kuitansi`)).statusCode).toBe(404);
    expect((await get(otherLurah, `${P}/honor/pembayaran/${mine}`)).statusCode).toBe(404);
    expect((await get(camat, `${P}/honor/pembayaran/${mine}`)).statusCode).toBe(200);

    // Non-cash proof: marked once, with a reference and a file checked by content.
    const bad = await upload(
      lurah,
      `${P}/honor/pembayaran/${mine}/transfer`,
      { transferRef: 'TRF-1' },
      Buffer.from('MZ program'),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('JPG, PNG, WebP atau PDF');
    const ok = await upload(
      lurah,
      `${P}/honor/pembayaran/${mine}/transfer`,
      { transferRef: 'TRF-1' },
      PHOTO_JPEG,
      'image/jpeg',
    );
    expect(ok.statusCode, ok.body).toBe(303);
    const again = await upload(lurah, `${P}/honor/pembayaran/${mine}/transfer`, { transferRef: 'TRF-2' }, PDF);
    expect(again.statusCode).toBe(409);
    const paid = await t.database.pool.query(
      'select transfer_ref, proof_file_id from allowance_payments where id = $1',
      [mine],
    );
    expect(paid.rows[0].transfer_ref).toBe('TRF-1');
    const proof = await get(lurah, `${P}/honor/pembayaran/${mine}/bukti`);
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-type']).toContain('image/jpeg');
    const honorPage = await get(lurah, `${P}/honor?under=${kel}&period=2026-01`);
    expect(honorPage.body).toContain('data-testid="payment-list-links"');
    expect(honorPage.body).toContain(`data-testid="payment-${rt1.user.id}"`);
  });
});

describe('BPJS death claim', () => {
  it('moves dilaporkan → diproses → dibayar with two heirs and the required documents; not before', async () => {
    const rep = await api(lurah, `${A}/bpjs/claims`, {
      userId: rw.user.id,
      kind: 'kematian',
      description: 'Meninggal dunia saat kerja bakti.',
      occurredOn: '2026-01-05',
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const id = (rep.json() as { id: number }).id;
    const C = `${P}/bpjs/klaim/${id}`;

    let res = await form(lurah, `${C}/rincian`, {
      occurredOn: '2026-01-05',
      incidentPlace: 'Balai RW 01',
      chronology: 'Pingsan saat kerja bakti, meninggal di puskesmas.',
    });
    expect(res.statusCode, res.body).toBe(303);
    for (const [name, relationship, nik] of [
      ['Siti Aminah', 'istri', makeNik('357401', '1985-06-07', 'P', 21)],
      ['Budi Santoso', 'anak', makeNik('357401', '2008-08-09', 'L', 22)],
    ] as const) {
      res = await form(lurah, `${C}/ahli-waris`, {
        name,
        relationship,
        nik,
        bankName: 'Bank Jatim',
        accountNumber: '12312312',
      });
      expect(res.statusCode, res.body).toBe(303);
    }
    // Sent twice (a double click): still one heir.
    await form(lurah, `${C}/ahli-waris`, {
      name: 'Siti Aminah',
      relationship: 'istri',
      nik: makeNik('357401', '1985-06-07', 'P', 21),
    });
    const heirs = await t.database.pool.query('select nik_masked, nik_enc from bpjs_claim_heirs where claim_id = $1', [
      id,
    ]);
    expect(heirs.rows).toHaveLength(2);
    expect(heirs.rows[0].nik_masked).toMatch(/\*/);

    for (const item of ['surat_kematian', 'kk', 'ktp_ahli_waris']) {
      res = await upload(lurah, `${C}/dokumen`, { item }, PDF);
      expect(res.statusCode, res.body).toBe(303);
    }
    // The membership card is missing: refused with a message naming it.
    const refused = await api(lurah, `${A}/bpjs/claims/${id}/status`, { status: 'diproses' });
    expect(refused.statusCode).toBe(422);
    const err = refused.json() as { error: { message: string; fields: { field: string; message: string }[] } };
    expect(err.error.message).toContain('Klaim belum dapat diproses');
    expect(err.error.fields.map((f) => f.message)).toEqual(['Kartu peserta BPJS Ketenagakerjaan belum diunggah.']);
    const pageRefusal = await form(lurah, `${C}/status`, { status: 'diproses', note: '', effectiveOn: '' });
    expect(pageRefusal.statusCode).toBe(422);
    expect(pageRefusal.body).toContain('Kartu peserta BPJS Ketenagakerjaan belum diunggah.');
    expect((await t.database.pool.query('select status from bpjs_claims where id = $1', [id])).rows[0].status).toBe(
      'dilaporkan',
    );

    res = await upload(lurah, `${C}/dokumen`, { item: 'kartu_peserta' }, PHOTO_JPEG, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(303);
    expect((await api(lurah, `${A}/bpjs/claims/${id}/status`, { status: 'diproses' })).statusCode).toBe(200);
    expect(
      (await api(lurah, `${A}/bpjs/claims/${id}/status`, { status: 'dibayar', note: 'JKM dibayar' })).statusCode,
    ).toBe(200);
    const events = await t.database.pool.query(
      'select to_status from bpjs_claim_events where claim_id = $1 order by id',
      [id],
    );
    expect(events.rows.map((e) => e.to_status)).toEqual(['diproses', 'dibayar']);

    // Scholarship: two children, a third refused (BPJS_SCHOLARSHIP default).
    for (const [childName, level] of [
      ['Budi Santoso', 'SMA'],
      ['Ani Santoso', 'SD'],
    ] as const)
      expect((await form(lurah, `${C}/beasiswa`, { childName, level, schoolYear: '2026/2027' })).statusCode).toBe(303);
    const third = await form(lurah, `${C}/beasiswa`, { childName: 'Cici', level: 'TK', schoolYear: '2026/2027' });
    expect(third.statusCode).toBe(422);
    expect(third.body).toContain('paling banyak untuk 2 anak');

    const claimPage = await get(lurah, C);
    expect(claimPage.body).toContain('data-testid="claim-checklist"');
    expect(claimPage.body).toContain('Siti Aminah');
    expect(claimPage.body).not.toContain(makeNik('357401', '1985-06-07', 'P', 21));
    const doc = await t.database.pool.query('select id from bpjs_claim_documents where claim_id = $1 limit 1', [id]);
    const view = await get(lurah, `${C}/dokumen/${doc.rows[0].id}`);
    expect(view.statusCode).toBe(200);
    expect(await audits('bpjs.document_viewed', String(id))).toBe(1);
    expect((await get(otherLurah, `${C}/dokumen/${doc.rows[0].id}`)).statusCode).toBe(404);
  });

  it('a road accident needs the police report', async () => {
    const rep = await api(lurah, `${A}/bpjs/claims`, {
      userId: rt2.user.id,
      kind: 'kecelakaan',
      description: 'Jatuh dari motor.',
    });
    const id = (rep.json() as { id: number }).id;
    const C = `${P}/bpjs/klaim/${id}`;
    expect(
      (
        await form(lurah, `${C}/rincian`, {
          incidentPlace: 'Jl. Soekarno-Hatta',
          chronology: 'Diserempet truk.',
          roadAccident: 'true',
        })
      ).statusCode,
    ).toBe(303);
    for (const item of ['kronologi', 'dokumen_medis'])
      expect((await upload(lurah, `${C}/dokumen`, { item }, PDF)).statusCode).toBe(303);
    const refused = await api(lurah, `${A}/bpjs/claims/${id}/status`, { status: 'diproses' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Laporan polisi');
    // Heirs belong to death claims only.
    const heir = await form(lurah, `${C}/ahli-waris`, { name: 'X', relationship: 'anak', nik: NIK2 });
    expect(heir.statusCode).toBe(409);
  });
});

describe('HONOR_PPH21 and BPJS_SCHOLARSHIP', () => {
  it('a bad value stops the start, naming the variable and what is wrong', () => {
    for (const [vars, says] of [
      [{ HONOR_PPH21: '{"mode":"borongan"}' }, 'HONOR_PPH21: mode harus progresif atau final'],
      [{ BPJS_SCHOLARSHIP: '{"maxChildren":-1}' }, 'BPJS_SCHOLARSHIP: maxChildren harus 0–20'],
    ] as const) {
      let err: unknown;
      try {
        moneyConfigFrom(testConfig(vars));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(says);
    }
    expect(moneyConfigFrom(testConfig({ HONOR_PPH21: '{"mode":"final","flatRatePercent":5}' })).pph21).toMatchObject({
      mode: 'final',
      flatRatePercent: 5,
    });
  });
});
