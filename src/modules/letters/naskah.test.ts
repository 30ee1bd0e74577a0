import { describe, expect, it } from 'vitest';
import {
  closingOf,
  delegationInForce,
  displayFieldValues,
  headTitle,
  identityRows,
  kopContactLines,
  kopHeading,
  openingOf,
  pengantarSentence,
  signatureFoot,
  signatureHeading,
  signRight,
  type PersonFacts,
} from './naskah.js';

const person: PersonFacts = {
  name: 'Siti Rahmawati',
  nik: '3574********0001',
  birthPlace: 'Probolinggo',
  birthDate: '1991-06-13',
  sex: 'P',
  religion: 'Islam',
  maritalStatus: 'Kawin',
  citizenship: 'WNI',
  occupation: '',
  address: 'Jl. Mastrip 12',
  rtRw: 'RT 001 / RW 002',
  kelurahan: 'Ketapang',
  kecamatan: 'Kademangan',
  kk: '3574********0007',
};

describe('the naskah (Permendagri 1/2023)', () => {
  it('opens with the signer office, kecamatan and city', () => {
    expect(
      openingOf({
        kind: 'keterangan',
        level: 'kelurahan',
        unitName: 'Ketapang',
        kecamatan: 'Kademangan',
        city: 'Kota Probolinggo',
      }),
    ).toBe(
      'Yang bertanda tangan di bawah ini, Lurah Ketapang Kecamatan Kademangan Kota Probolinggo, menerangkan dengan sebenarnya bahwa:',
    );
    expect(
      openingOf({
        kind: 'pengantar',
        level: 'kecamatan',
        unitName: 'Kecamatan Kademangan',
        kecamatan: '',
        city: 'Kota Probolinggo',
      }),
    ).toBe('Yang bertanda tangan di bawah ini, Camat Kademangan Kota Probolinggo, memberikan pengantar kepada:');
  });

  it('closes per kind', () => {
    expect(closingOf('keterangan')).toMatch(/^Demikian surat keterangan ini/);
    expect(closingOf('pengantar')).toMatch(/^Demikian surat pengantar ini/);
    expect(closingOf('rekomendasi')).toMatch(/^Demikian rekomendasi ini/);
  });

  it('prints the identity rows the type asks for, dates in Indonesian, never an empty value', () => {
    const rows = identityRows(person, ['nik', 'ttl', 'status_perkawinan', 'pekerjaan', 'alamat', 'no_kk']);
    expect(rows.map((r) => r.label)).toEqual([
      'Nama',
      'NIK',
      'Tempat/tanggal lahir',
      'Status perkawinan',
      'Pekerjaan',
      'Alamat',
      'No. KK',
    ]);
    expect(rows.find((r) => r.label === 'Tempat/tanggal lahir')!.value).toBe('Probolinggo, 13 Juni 1991');
    expect(rows.find((r) => r.label === 'Pekerjaan')!.value).toBe('-');
    expect(rows.find((r) => r.label === 'Alamat')!.value).toBe(
      'Jl. Mastrip 12, RT 001 / RW 002, Kelurahan Ketapang, Kecamatan Kademangan',
    );
    expect(JSON.stringify(rows)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('writes the signature block for the head, a.n., u.b., Plt. and Plh.', () => {
    const base = { head: 'Lurah Ketapang', jabatan: 'Sekretaris Kelurahan', via: '' };
    expect(signatureHeading({ ...base, mode: null })).toEqual(['LURAH KETAPANG,']);
    expect(signatureHeading({ ...base, mode: 'an' })).toEqual(['a.n. LURAH KETAPANG', 'Sekretaris Kelurahan,']);
    expect(
      signatureHeading({ ...base, mode: 'ub', jabatan: 'Kepala Seksi Pemerintahan', via: 'Sekretaris Kelurahan' }),
    ).toEqual(['a.n. LURAH KETAPANG', 'Sekretaris Kelurahan', 'u.b.', 'Kepala Seksi Pemerintahan,']);
    expect(signatureHeading({ ...base, mode: 'plt' })).toEqual(['Plt. LURAH KETAPANG,']);
    expect(signatureHeading({ ...base, mode: 'plh' })).toEqual(['Plh. LURAH KETAPANG,']);
    expect(signatureFoot({ name: 'Budi', nip: '198001012005011001', jabatan: 'x', pangkat: 'Penata (III/c)' })).toEqual(
      ['Budi', 'Penata (III/c)', 'NIP. 198001012005011001'],
    );
  });

  it('lets the head sign, staff only with a delegation in force, and nobody without a NIP', () => {
    expect(signRight({ role: 'lurah', isHeadOfUnit: true, delegation: null, nip: '1'.repeat(18) })).toEqual({
      ok: true,
      mode: null,
    });
    expect(signRight({ role: 'staf_kelurahan', isHeadOfUnit: false, delegation: null, nip: '1'.repeat(18) })).toEqual({
      ok: false,
      reason: 'not_official',
    });
    expect(
      signRight({ role: 'staf_kelurahan', isHeadOfUnit: false, delegation: { mode: 'an' }, nip: '1'.repeat(18) }),
    ).toEqual({ ok: true, mode: 'an' });
    expect(signRight({ role: 'lurah', isHeadOfUnit: true, delegation: null, nip: null })).toEqual({
      ok: false,
      reason: 'no_nip',
    });
  });

  it('keeps a delegation in force only inside its window and until revoked', () => {
    const d = { valid_from: '2026-12-01', valid_to: '2026-12-31', revoked: false };
    expect(delegationInForce(d, '2026-11-30')).toBe(false);
    expect(delegationInForce(d, '2026-12-01')).toBe(true);
    expect(delegationInForce(d, '2026-12-31')).toBe(true);
    expect(delegationInForce(d, '2027-01-01')).toBe(false);
    expect(delegationInForce({ ...d, valid_to: null }, '2030-01-01')).toBe(true);
    expect(delegationInForce({ ...d, revoked: true }, '2026-12-02')).toBe(false);
  });

  it('writes the kop and the pengantar reference', () => {
    expect(kopHeading({ city: 'Kota Probolinggo', kecamatan: 'Kademangan', kelurahan: 'Kelurahan Ketapang' })).toEqual([
      'PEMERINTAH KOTA PROBOLINGGO',
      'KECAMATAN KADEMANGAN',
      'KELURAHAN KETAPANG',
    ]);
    expect(
      kopContactLines({
        address: 'Jl. Mastrip 12',
        phone: '(0335) 421000',
        postalCode: '67211',
        website: 'ketapang.probolinggokota.go.id',
        email: 'kel.ketapang@probolinggokota.go.id',
      }),
    ).toEqual([
      'Jl. Mastrip 12, Telepon (0335) 421000, Kode Pos 67211',
      'Laman ketapang.probolinggokota.go.id, Pos-el kel.ketapang@probolinggokota.go.id',
    ]);
    expect(
      pengantarSentence(
        [{ level: 'rt', unit: 'RT 001', number: 'ABC/RT.001/2026', at: '2026-12-01T17:30:00Z', headName: 'Budi' }],
        'Asia/Jakarta',
      ),
    ).toBe('Berdasarkan surat pengantar Ketua RT 001 (Budi) Nomor ABC/RT.001/2026 tanggal 2 Desember 2026.');
    expect(headTitle('kecamatan', 'Kademangan')).toBe('Camat Kademangan');
  });

  it('prints date fields as people write them', () => {
    expect(
      displayFieldValues(
        [
          { name: 'tgl', type: 'date' },
          { name: 'x', type: 'text' },
        ],
        { tgl: '2026-11-30', x: '2026-11-30' },
      ),
    ).toEqual({ tgl: '30 November 2026', x: '2026-11-30' });
  });
});
