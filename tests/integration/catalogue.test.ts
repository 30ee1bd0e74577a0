// The letter catalogue: the city admin adds and edits letter types (each save
// a new version, stale edits refused), by API and by page; edits never reach
// requests already under way, which keep the snapshot they were made with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
});
afterAll(() => t.close());

const letterType = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Surat Uji ${code}`,
  description: 'Untuk pengujian',
  fields: [{ name: 'tujuan', label: 'Tujuan', type: 'text', required: false, maxLength: 100 }],
  attachments: [],
  validityDays: 30,
  route: ['rt', 'rw', 'kelurahan'],
  stageBudgets: { rt: 10, rw: 10, kelurahan: 25 },
  totalBudgetMinutes: 60,
  classification: '400.12.2',
  template: 'Teks versi satu. Keperluan: {{keperluan}}.',
  ...extra,
});
const { code: _omit, ...editable } = letterType('x');
const api = (method: 'GET' | 'POST' | 'PUT', url: string, who: { auth: Record<string, string> }, payload?: object) =>
  t.app.inject({ method, url, headers: who.auth, ...(payload ? { payload } : {}) });
const act = (who: { auth: Record<string, string> }, id: number, action: string) =>
  api('POST', `/api/v1/requests/${id}/actions`, who, { action });

describe('letter catalogue administration', () => {
  it('creates a type, each edit makes a new version, and a stale version is refused with 409', async () => {
    const created = await api('POST', '/api/v1/admin/letter-types', c.admin, letterType('uji_versi'));
    expect(created.statusCode, created.body).toBe(201);
    const lt = created.json();
    expect(lt).toMatchObject({ code: 'uji_versi', version: 1, route: ['rt', 'rw', 'kelurahan'], active: true });

    const edited = await api('PUT', `/api/v1/admin/letter-types/${lt.id}`, c.admin, {
      ...editable,
      name: 'Surat Uji Diubah',
      expectedVersion: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Surat Uji Diubah', version: 2 });

    const stale = await api('PUT', `/api/v1/admin/letter-types/${lt.id}`, c.admin, {
      ...editable,
      name: 'Tertimpa',
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await api('GET', `/api/v1/admin/letter-types/${lt.id}`, c.admin)).json()).toMatchObject({
      name: 'Surat Uji Diubah',
      version: 2,
    });

    const dup = await api('POST', '/api/v1/admin/letter-types', c.admin, letterType('uji_versi'));
    expect(dup.statusCode).toBe(409);
    const list = (await api('GET', '/api/v1/admin/letter-types', c.admin)).json();
    expect(list.items.map((i: { code: string }) => i.code)).toContain('uji_versi');
  });

  it('refuses a route out of order (kelurahan before RT) with the Indonesian message', async () => {
    const res = await api(
      'POST',
      '/api/v1/admin/letter-types',
      c.admin,
      letterType('uji_urutan', { route: ['kelurahan', 'rt'] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      { field: 'route', message: expect.stringContaining('Urutan tahap harus RT → RW → kelurahan → kecamatan') },
    ]);
    expect(
      (await api('GET', '/api/v1/admin/letter-types', c.admin)).json().items.map((i: { code: string }) => i.code),
    ).not.toContain('uji_urutan');
  });

  it('refuses stage budgets that exceed the total and duplicate field names', async () => {
    const over = await api(
      'POST',
      '/api/v1/admin/letter-types',
      c.admin,
      letterType('uji_batas', { totalBudgetMinutes: 30 }),
    );
    expect(over.statusCode).toBe(422);
    expect(over.json().error.fields[0].message).toContain('melebihi batas waktu total');
    const f = { name: 'tujuan', label: 'Tujuan', type: 'text', required: true };
    const dup = await api('POST', '/api/v1/admin/letter-types', c.admin, letterType('uji_ganda', { fields: [f, f] }));
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.fields[0].message).toContain('sudah dipakai');
  });

  it('only the city admin may use it', async () => {
    for (const url of [
      '/api/v1/admin/letter-types',
      '/api/v1/admin/letter-types/1',
      '/admin/jenis-surat',
      '/admin/jenis-surat/1',
    ]) {
      expect((await api('GET', url, c.lurah)).statusCode, url).toBe(403);
    }
    expect((await api('POST', '/api/v1/admin/letter-types', c.lurah, letterType('uji_lurah'))).statusCode).toBe(403);
    expect(
      (await api('PUT', '/api/v1/admin/letter-types/1', c.lurah, { ...editable, expectedVersion: 1 })).statusCode,
    ).toBe(403);
  });
});

describe('letter catalogue pages', () => {
  const post = (url: string, payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, cookies: c.admin.cookies, payload: { _csrf: c.admin.csrf, ...payload } });
  const form = {
    name: 'Surat Keterangan Uji Halaman',
    description: '',
    route_rt: '1',
    route_rw: '1',
    route_kelurahan: '1',
    budget_rt: '10',
    budget_rw: '10',
    budget_kelurahan: '20',
    total_budget_minutes: '45',
    validity_days: '30',
    classification: '400.12.2',
    template: 'Isi {{keperluan}}',
    active: '1',
    fields: 'tujuan|Tujuan perjalanan|text|wajib|120\ntanggal|Tanggal berangkat|date|opsional',
    attachments: 'ktp|Foto KTP|wajib',
  };

  it('lists the types with route, budgets and state, adds one and edits it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/admin/jenis-surat', headers: c.admin.auth });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Surat Keterangan Domisili');
    expect(list.body).toContain('data-testid="letter-type-domisili"');

    const created = await post('/admin/jenis-surat', { code: 'uji_halaman', ...form });
    expect(created.statusCode, created.body).toBe(303);
    const id = Number(/\/admin\/jenis-surat\/(\d+)$/.exec(String(created.headers.location))![1]);
    const lt = (await api('GET', `/api/v1/admin/letter-types/${id}`, c.admin)).json();
    expect(lt).toMatchObject({
      code: 'uji_halaman',
      version: 1,
      route: ['rt', 'rw', 'kelurahan'],
      stageBudgets: { rt: 10, rw: 10, kelurahan: 20 },
      fields: [
        { name: 'tujuan', label: 'Tujuan perjalanan', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal', label: 'Tanggal berangkat', type: 'date', required: false },
      ],
      attachments: [{ kind: 'ktp', label: 'Foto KTP', required: true }],
      active: true,
    });

    const page = await t.app.inject({ method: 'GET', url: `/admin/jenis-surat/${id}`, headers: c.admin.auth });
    expect(page.body).toContain('tujuan|Tujuan perjalanan|text|wajib|120');

    const { route_rw: _rw, budget_rw: _b, active: _a, ...withoutRw } = form;
    const saved = await post(`/admin/jenis-surat/${id}`, {
      ...withoutRw,
      route_kecamatan: '1',
      budget_kecamatan: '15',
      expected_version: '1',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect((await api('GET', `/api/v1/admin/letter-types/${id}`, c.admin)).json()).toMatchObject({
      version: 2,
      route: ['rt', 'kelurahan', 'kecamatan'],
      active: false,
    });

    // The same form again carries version 1: someone saved in between.
    const stale = await post(`/admin/jenis-surat/${id}`, { ...form, expected_version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Data berubah atau sudah ada');
  });

  it('explains each bad line in Indonesian and keeps what was typed', async () => {
    const res = await post('/admin/jenis-surat', {
      code: 'uji_salah',
      ...form,
      budget_rw: 'sepuluh',
      fields: 'tujuan|Tujuan|teks|wajib\nNama Salah|Label|text|wajib\ntujuan|Lagi|text|opsional\nkurang|bagian',
      attachments: 'ktp|Foto KTP|perlu',
    });
    expect(res.statusCode).toBe(422);
    const body = res.body.replace(/&quot;/g, '"');
    expect(body).toContain('data-testid="error-summary"');
    expect(body).toContain('Isian tambahan baris 1: jenis "teks" tidak dikenal');
    expect(body).toContain('Isian tambahan baris 2: "Nama Salah" hanya boleh berisi huruf kecil');
    expect(body).toContain('Isian tambahan baris 3: "tujuan" sudah dipakai');
    expect(body).toContain('Isian tambahan baris 4: tulis nama|label|jenis|wajib');
    expect(body).toContain('Lampiran baris 1: tulis "wajib" atau "opsional", bukan "perlu"');
    expect(body).toContain('harus bilangan bulat antara 0 dan');
    expect(body).toContain('value="sepuluh"');
    expect(body).toContain('kurang|bagian');
    expect(
      (await api('GET', '/api/v1/admin/letter-types', c.admin)).json().items.map((i: { code: string }) => i.code),
    ).not.toContain('uji_salah');
  });
});

describe('requests keep the type they were made with', () => {
  it('editing the route and text after submission changes nothing for that request', async () => {
    const created = await api('POST', '/api/v1/admin/letter-types', c.admin, letterType('uji_snapshot'));
    expect(created.statusCode, created.body).toBe(201);
    const lt = created.json();

    const sub = await api(
      'POST',
      '/api/v1/requests',
      c.rt,
      submitBody(c.residentId, 'uji_snapshot', { attachments: [], purpose: 'Melamar kerja' }),
    );
    expect(sub.statusCode, sub.body).toBe(201);
    const { id } = sub.json();

    const edited = await api('PUT', `/api/v1/admin/letter-types/${lt.id}`, c.admin, {
      ...editable,
      route: ['rt', 'rw', 'kelurahan', 'kecamatan'],
      stageBudgets: { rt: 10, rw: 10, kelurahan: 10, kecamatan: 10 },
      template: 'Teks versi dua. {{keperluan}}',
      expectedVersion: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);

    expect((await act(c.rw, id, 'approve')).json()).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    // The snapshot's route ends at the kelurahan: no kecamatan stage for this request.
    expect((await act(c.lurah, id, 'approve')).json()).toEqual({ status: 'completed', stage: null });
    const d = (await api('GET', `/api/v1/requests/${id}`, c.lurah)).json();
    expect(d.request.route).toEqual(['rt', 'rw', 'kelurahan']);
    const letter = await t.database.pool.query(`select payload->>'text' as text from letters where request_id = $1`, [
      id,
    ]);
    expect(letter.rows[0].text).toContain('Teks versi satu. Keperluan: Melamar kerja.');
    expect(letter.rows[0].text).not.toContain('versi dua');

    // A request made now gets the new version.
    const next = await api(
      'POST',
      '/api/v1/requests',
      c.rt,
      submitBody(c.residentId, 'uji_snapshot', { attachments: [] }),
    );
    const d2 = (await api('GET', `/api/v1/requests/${next.json().id}`, c.lurah)).json();
    expect(d2.request.route).toEqual(['rt', 'rw', 'kelurahan', 'kecamatan']);
  });
});

describe('classification codes and what the naskah needs (issue 12)', () => {
  it('the defaults and the 83/2022 codes are loaded at start, names shown beside the codes', async () => {
    const list = (await api('GET', '/api/v1/admin/letter-types', c.admin)).json();
    const byCode = (code: string) => list.items.find((i: { code: string }) => i.code === code);
    expect(byCode('kematian')).toMatchObject({
      classification: '400.12.3.1',
      classificationName: 'Kelahiran dan Kematian',
      kind: 'keterangan',
      effect: 'mark_deceased',
      route: ['rt', 'rw', 'kelurahan'],
    });
    expect(byCode('pengantar_skck')).toMatchObject({
      kind: 'pengantar',
      addressee: 'Kepala Kepolisian Resor {{kota}}',
      route: ['rt', 'rw', 'kelurahan'],
    });
    expect(byCode('pengantar_biodata')).toMatchObject({ kind: 'pengantar', active: true });
    expect(byCode('pindah')).toBeUndefined();

    const page = await t.app.inject({ method: 'GET', url: '/admin/jenis-surat', headers: c.admin.auth });
    expect(page.body).toMatch(/data-testid="classification-kematian">\s*400\.12\.3\.1 Kelahiran dan Kematian/);
    const codes = (await api('GET', '/api/v1/admin/classification-codes', c.admin)).json();
    expect(codes.importedVersion).toBe(codes.shippedVersion);
    expect(codes.items).toContainEqual({
      code: '400.12.2.1',
      name: 'Identitas Penduduk',
      parentCode: '400.12.2',
      active: true,
    });
  });

  it('refuses a code that is not in the 83/2022 list, in Indonesian, on the API and the page', async () => {
    const res = await api(
      'POST',
      '/api/v1/admin/letter-types',
      c.admin,
      letterType('uji_kode_lama', { classification: '474.3' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      {
        field: 'classification',
        message: expect.stringContaining('Kode klasifikasi 474.3 tidak ada di daftar Permendagri 83/2022'),
      },
    ]);
    const page = await t.app.inject({
      method: 'POST',
      url: '/admin/jenis-surat',
      cookies: c.admin.cookies,
      payload: {
        _csrf: c.admin.csrf,
        code: 'uji_kode_hal',
        name: 'Surat Uji Kode',
        route_rt: '1',
        route_kelurahan: '1',
        budget_rt: '10',
        budget_kelurahan: '20',
        total_budget_minutes: '45',
        validity_days: '30',
        classification: '331',
        template: 'Isi',
        kind: 'pengantar',
        identity_fields: 'nik, golongan_darah',
        effect: 'mark_deceased',
      },
    });
    expect(page.statusCode).toBe(422);
    const body = page.body.replace(/&quot;/g, '"');
    // Every naskah problem in one round (the unknown code waits until the form is otherwise valid).
    expect(body).toContain('Surat pengantar harus ditujukan kepada suatu kantor');
    expect(body).toContain('"golongan_darah" bukan data pemohon yang dikenal');
    expect(body).toContain('tambahkan isian wajib berjenis nik');
  });

  it('stores the naskah data, shows it on the form, and the snapshot of a request carries it', async () => {
    const created = await api(
      'POST',
      '/api/v1/admin/letter-types',
      c.admin,
      letterType('uji_naskah', {
        classification: '400.12.3.1',
        kind: 'pengantar',
        addressee: 'Kepala Dinas Kependudukan dan Pencatatan Sipil {{kota}}',
        identityFields: ['nik', 'alamat', 'no_kk'],
        effect: 'mark_deceased',
        fields: [
          { name: 'nik_almarhum', label: 'NIK almarhum', type: 'nik', required: true },
          { name: 'pukul', label: 'Pukul', type: 'time', required: true },
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'pengantar',
      identityFields: ['nik', 'alamat', 'no_kk'],
      effect: 'mark_deceased',
      classificationName: 'Kelahiran dan Kematian',
      disabledReason: '',
    });
    const form = await t.app.inject({
      method: 'GET',
      url: `/admin/jenis-surat/${created.json().id}`,
      headers: c.admin.auth,
    });
    expect(form.body).toContain('value="nik, alamat, no_kk"');
    expect(form.body).toContain('Kode ini: Kelahiran dan Kematian.');

    // A NIK that breaks the NIK rules and a time that is no time are refused at submission.
    const bad = await api(
      'POST',
      '/api/v1/requests',
      c.rt,
      submitBody(c.residentId, 'uji_naskah', {
        attachments: [],
        fields: { nik_almarhum: '3574010000000000', pukul: '25:10' },
      }),
    );
    expect(bad.statusCode).toBe(422);
    const messages = bad
      .json()
      .error.fields.map((f: { message: string }) => f.message)
      .join(' ');
    expect(messages).toContain('NIK almarhum harus 16 angka NIK yang sah');
    expect(messages).toContain('Pukul harus berupa jam');

    const sub = await api(
      'POST',
      '/api/v1/requests',
      c.rt,
      submitBody(c.residentId, 'uji_naskah', {
        attachments: [],
        fields: { nik_almarhum: '3574015706910001', pukul: '14:30' },
      }),
    );
    expect(sub.statusCode, sub.body).toBe(201);
    const snap = await t.database.pool.query(`select type_snapshot from service_requests where id = $1`, [
      sub.json().id,
    ]);
    expect(snap.rows[0].type_snapshot).toMatchObject({
      kind: 'pengantar',
      addressee: 'Kepala Dinas Kependudukan dan Pencatatan Sipil {{kota}}',
      identity_fields: ['nik', 'alamat', 'no_kk'],
      effect: 'mark_deceased',
      classification: '400.12.3.1',
    });
  });

  it('a switched-off type keeps the reason for the admin; the reason is dropped when it is active again', async () => {
    const lt = (await api('POST', '/api/v1/admin/letter-types', c.admin, letterType('uji_nonaktif'))).json();
    const off = await api('PUT', `/api/v1/admin/letter-types/${lt.id}`, c.admin, {
      ...editable,
      active: false,
      disabledReason: 'Dihapus oleh aturan nasional.',
      expectedVersion: 1,
    });
    expect(off.json()).toMatchObject({ active: false, disabledReason: 'Dihapus oleh aturan nasional.' });
    const list = await t.app.inject({ method: 'GET', url: '/admin/jenis-surat', headers: c.admin.auth });
    expect(list.body).toContain('Dihapus oleh aturan nasional.');
    const on = await api('PUT', `/api/v1/admin/letter-types/${lt.id}`, c.admin, {
      ...editable,
      active: true,
      disabledReason: 'Dihapus oleh aturan nasional.',
      expectedVersion: 2,
    });
    expect(on.json()).toMatchObject({ active: true, disabledReason: '' });
  });

  it('the admin imports the shipped file again: a record with counts and an audit entry; a stale version is refused', async () => {
    const { shippedVersion } = (await api('GET', '/api/v1/admin/classification-codes', c.admin)).json();
    const stale = await api('POST', '/api/v1/admin/classification-codes/import', c.admin, {
      expectedVersion: shippedVersion + 1,
    });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().error.fields[0].message).toContain(`Berkas data sekarang versi ${shippedVersion}`);

    const page = await t.app.inject({
      method: 'POST',
      url: '/admin/klasifikasi/impor',
      cookies: c.admin.cookies,
      payload: { _csrf: c.admin.csrf, expected_version: String(shippedVersion) },
    });
    expect(page.statusCode, page.body).toBe(303);
    const imports = await t.database.pool.query(
      `select trigger, source_version, codes_total, codes_added, actor_user_id from classification_imports order by id desc limit 1`,
    );
    expect(imports.rows[0]).toMatchObject({
      trigger: 'admin',
      source_version: shippedVersion,
      codes_added: 0,
      actor_user_id: c.admin.user.id,
    });
    expect(imports.rows[0].codes_total).toBeGreaterThan(30);
    const audit = await t.database.pool.query(
      `select details from audit_log where action = 'catalogue.classification_imported' and actor_user_id = $1`,
      [c.admin.user.id],
    );
    expect(audit.rows).toHaveLength(1);
    const shown = await t.app.inject({ method: 'GET', url: '/admin/klasifikasi', headers: c.admin.auth });
    expect(shown.body).toContain('data-testid="code-400.12.3.2"');
    expect(shown.body).toMatch(/Impor terakhir: versi \d+, \d{1,2} [A-Z][a-z]+ \d{4}/);
  });
});
