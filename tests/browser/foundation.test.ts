// The foundation journey on a 360×740 phone: a lurah adds an RW and an RT,
// imports residents from CSV (first refused for two bad rows, then only the
// good rows), creates the RT head's account; the head signs in with the
// temporary password, must change it, and then sees exactly their own
// residents, NIK masked, names shown as text.
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changePassword,
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  me,
  newPhoneContext,
  startServer,
  type TestServer,
} from './helpers.js';

const XSS_NAME = '<script>alert(1)</script>';
const MASKED_NIK = /^\d{4}\*{8}\d{4}$/;

/** A NIK that parses: region (6) + DDMMYY (+40 to the day for women) + serial. */
function nik(region6: string, birth: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birth.split('-') as [string, string, string];
  return `${region6}${String(Number(d) + (sex === 'P' ? 40 : 0)).padStart(2, '0')}${m}${y.slice(2)}${String(serial)}`;
}

describe('foundation journey (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await newPhoneContext(browser, server.url);
    page = await context.newPage();
    page.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('runs from a new RT to its head seeing exactly its residents', async () => {
    // 1. The lurah signs in and opens their kelurahan.
    await login(page, 'lurah', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/');
    const lurah = await me(page);
    expect(lurah.role).toBe('lurah');
    const kel = lurah.regionCode;
    expect(kel).toMatch(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/);
    const rwCode = `${kel}.007`;
    const rtCode = `${rwCode}.003`;
    const region6 = kel.split('.').slice(0, 3).join('');

    await page.goto(`/wilayah/${kel}`);
    await expect(page.getByTestId('region-summary').textContent()).resolves.toContain(kel);

    // 2. A new RW 007 through the form.
    await page.getByTestId('child-number').fill('7');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/wilayah/${kel}`),
      page.getByTestId('add-child-submit').click(),
    ]);
    await page.getByTestId(`child-${rwCode}`).waitFor();

    // 3. Under it, RT 003.
    await page.goto(`/wilayah/${rwCode}`);
    await page.getByTestId('child-number').fill('3');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/wilayah/${rwCode}`),
      page.getByTestId('add-child-submit').click(),
    ]);
    await page.getByTestId(`child-${rtCode}`).waitFor();

    // 4. CSV import: 3 good rows (one named like a script tag), a 15-digit NIK, an unknown RT.
    const header = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan,rw,rt,alamat,agama,pekerjaan';
    const kk = `${region6}9912269001`;
    const rows = [
      [
        nik(region6, '1990-01-01', 'L', 9001),
        kk,
        'Budi Ujicoba',
        'L',
        'Probolinggo',
        '1990-01-01',
        'kepala_keluarga',
        '007',
        '003',
        'Jl. Uji No. 7',
        'Islam',
        'Wiraswasta',
      ],
      [
        nik(region6, '1992-05-15', 'P', 9002),
        kk,
        XSS_NAME,
        'P',
        'Probolinggo',
        '1992-05-15',
        'istri',
        '007',
        '003',
        'Jl. Uji No. 7',
        'Islam',
        'Guru',
      ],
      [
        '357401010190901',
        kk,
        'Nik Pendek',
        'L',
        'Probolinggo',
        '1990-01-01',
        'anak',
        '007',
        '003',
        'Jl. Uji No. 7',
        'Islam',
        '',
      ],
      [
        nik(region6, '2015-03-10', 'L', 9003),
        kk,
        'Anak Ujicoba',
        'L',
        'Probolinggo',
        '2015-03-10',
        'anak',
        '007',
        '003',
        'Jl. Uji No. 7',
        'Islam',
        'Pelajar',
      ],
      [
        nik(region6, '1985-07-20', 'L', 9004),
        `${region6}9912269002`,
        'Salah Alamat',
        'L',
        'Probolinggo',
        '1985-07-20',
        'kepala_keluarga',
        '007',
        '009',
        'Jl. Entah',
        'Islam',
        '',
      ],
    ];
    const csv =
      [header, ...rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join(
        '\n',
      ) + '\n';
    const upload = async (validOnly: boolean) => {
      await page.goto('/warga/impor');
      const form = page.getByTestId('import-form');
      await expect(form.getByLabel('Kelurahan', { exact: true }).inputValue()).resolves.toBe(kel);
      await form
        .getByLabel('Berkas CSV atau XLSX', { exact: true })
        .setInputFiles({ name: 'warga.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await form.getByLabel('Impor baris yang benar saja', { exact: true }).setChecked(validOnly);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/warga/impor') && r.request().method() === 'POST'),
        page.getByTestId('import-submit').click(),
      ]);
      await page.getByTestId('import-report').waitFor();
      return res.status();
    };

    // 4a. Without "valid only": two rows refused with row numbers and reasons, nothing imported.
    expect(await upload(false)).toBe(422);
    const refused = page.getByTestId('import-refused-row');
    await expect(refused.count()).resolves.toBe(2);
    const refusedCells = await refused.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(refusedCells).toEqual([
      ['4', 'NIK harus 16 angka.'],
      ['6', 'RT 009 / RW 007 tidak ada di kelurahan ini.'],
    ]);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain(
      '2 baris ditolak. Tidak ada data yang disimpan',
    );
    const before = await page.request.get(`/warga?under=${encodeURIComponent(rtCode)}`);
    expect(await before.text()).not.toContain('Budi Ujicoba');

    // 4b. With "valid only": the three good rows are imported.
    expect(await upload(true)).toBe(200);
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain(
      '3 baris diimpor; 2 baris ditolak',
    );
    await expect(refused.count()).resolves.toBe(2);

    // 5. An RT head account for the new RT; the temporary password is in the notice.
    await page.goto('/pengguna/baru');
    const userForm = page.getByTestId('user-form');
    const headUsername = 'ketua.rt.007.003';
    await userForm.getByLabel('Nama pengguna', { exact: true }).fill(headUsername);
    await userForm.getByLabel('Nama lengkap', { exact: true }).fill('Ketua RT 003 RW 007');
    await userForm.getByLabel('Peran', { exact: true }).selectOption('ketua_rt');
    await userForm.getByLabel('Wilayah', { exact: true }).selectOption(rtCode);
    await page.getByTestId('user-submit').click();
    const notice = (await page.getByTestId('user-notice').textContent()) ?? '';
    expect(notice).toContain(headUsername);
    const tempPassword = /Sandi sementara: (\S+) —/.exec(notice)?.[1];
    expect(tempPassword, notice).toBeTruthy();

    // 6. Sign out; the head signs in with the temporary password and is sent to change it.
    await logout(page);
    await login(page, headUsername, tempPassword!);
    expect(new URL(page.url()).pathname).toBe('/akun/sandi');
    expect((await me(page)).mustChangePassword).toBe(true);
    // Nothing else opens until the temporary password is replaced.
    for (const path of ['/', '/warga']) {
      await page.goto(path);
      expect(new URL(page.url()).pathname, path).toBe('/akun/sandi');
    }
    const newPassword = 'sandi baru ketua rt tujuh';
    await changePassword(page, tempPassword!, newPassword);
    expect(new URL(page.url()).pathname).toBe('/');
    const head = await me(page);
    expect(head).toMatchObject({
      username: headUsername,
      role: 'ketua_rt',
      regionCode: rtCode,
      mustChangePassword: false,
    });

    // 7. The home page lists exactly the three imported residents, NIK masked.
    const table = page.getByTestId('residents-table');
    await table.waitFor();
    const listed = await page
      .getByTestId('resident-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(listed.map((r) => r[0]).sort()).toEqual(['Anak Ujicoba', 'Budi Ujicoba', XSS_NAME].sort());
    for (const [, masked, rt] of listed) {
      expect(masked).toMatch(MASKED_NIK);
      expect(rt).toBe('RT 003 / RW 007');
    }
    await expect(page.getByTestId('count-residents').textContent()).resolves.toMatch(/^\s*3\b/);
    const html = await page.content();
    for (const n of [9001, 9002, 9003]) expect(html).not.toMatch(new RegExp(`\\d{8}${n}`)); // no full NIK anywhere
    expect(html).not.toContain('Salah Alamat');
    expect(html).not.toContain('Nik Pendek');

    // 8. The script-like name is text, not markup: shown verbatim, no dialog.
    expect(await page.textContent('body')).toContain(XSS_NAME);
    await expect(table.locator('script').count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);

    // The residents list is also limited to the head's RT (no demo residents from other RTs).
    await page.goto('/warga');
    const all = await page
      .getByTestId('resident-row')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.textContent?.trim() ?? ''));
    expect(all).toHaveLength(3);
    expect(new Set(all)).toEqual(new Set(['RT 003 / RW 007']));
    expect(dialogs).toEqual([]);
  });
});
