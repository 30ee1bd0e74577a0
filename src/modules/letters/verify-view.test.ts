import { describe, expect, it } from 'vitest';
import { formatIndonesianDate } from '../../lib/text.js';
import { labelOfKey, letterContent, maskLongNumbers } from './verify-view.js';

const date = (iso: string) => formatIndonesianDate(iso);
const v1 = {
  v: 1,
  verifyCode: 'ABCD2345EFGH',
  number: '400.12.2.1/0001/Kel.Ktp/2026',
  issuedAt: '2026-12-02T01:30:00.000Z',
  validUntil: '2027-03-02',
  type: { code: 'domisili', name: 'Surat Keterangan Domisili', classification: '400.12.2.1' },
  unit: { code: '35.74.01.1001', name: 'Ketapang', level: 'kelurahan', cityName: 'Kota Probolinggo' },
  resident: {
    name: 'Budi Santoso',
    nikMasked: '3574********0001',
    birthPlace: 'Probolinggo',
    birthDate: '1991-06-13',
    sex: 'Laki-laki',
    address: 'Jl. Mawar 1',
    rtRw: 'RT 001 / RW 002',
  },
  fields: { nama_usaha: 'Warung Budi', nik_pelapor: '3574011306910002' },
  purpose: 'Melamar pekerjaan',
  text: 'Nama: Budi Santoso\nNIK: 3574********0001\nTanggal lahir: 1991-06-13\n\nBUDI SANTOSO benar berdomisili di Jl. Mawar 1.',
  signer: { name: 'Uji Lurah', position: 'Lurah Ketapang' },
  requestCode: 'ZZZZ2345ZZ',
};

const valueOf = (rows: ReturnType<typeof letterContent>['rows'], key: string) =>
  rows.find((r) => ('key' in r ? r.key : r.label) === key)?.value;

describe('the signed content on the public verification page', () => {
  it('shows every part a verifier compares, dates in Indonesian, name and every NIK masked', () => {
    const { rows, text } = letterContent(v1, date);
    expect(valueOf(rows, 'letters.f_type')).toBe('Surat Keterangan Domisili');
    expect(valueOf(rows, 'letters.f_number')).toBe(v1.number);
    expect(valueOf(rows, 'letters.f_issued_at')).toBe('2 Desember 2026');
    expect(valueOf(rows, 'letters.f_valid_until')).toBe('2 Maret 2027');
    expect(valueOf(rows, 'letters.f_birth')).toBe('Probolinggo, 13 Juni 1991');
    expect(valueOf(rows, 'letters.f_resident_name')).toBe('B*** S******');
    expect(valueOf(rows, 'letters.f_nik')).toBe('3574********0001');
    expect(valueOf(rows, 'letters.f_address')).toBe('Jl. Mawar 1, RT 001 / RW 002');
    expect(valueOf(rows, 'Nama usaha')).toBe('Warung Budi');
    expect(valueOf(rows, 'Nik pelapor')).toBe('3574********0002');
    expect(valueOf(rows, 'letters.f_signer')).toBe('Uji Lurah');
    expect(valueOf(rows, 'letters.f_signer_position')).toBe('Lurah Ketapang');
    expect(text).toContain('B*** S****** benar berdomisili');
    expect(text).toContain('Tanggal lahir: 13 Juni 1991');
    const all = JSON.stringify({ rows, text });
    expect(all).not.toMatch(/Budi Santoso|BUDI SANTOSO|\d{16}/);
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('reads a v2 payload: structured signer, identity rows and labelled fields', () => {
    const v2 = {
      ...v1,
      v: 2,
      signer: {
        name: 'Drs. Uji Lurah',
        jabatan: 'Lurah Ketapang',
        pangkat: 'Penata (III/c)',
        nip: '197001011990031001',
      },
      identity: [
        { label: 'Agama', value: 'Islam' },
        { label: 'No. KK', value: '3574010101010003' },
      ],
      fields: [{ key: 'nama_usaha', label: 'Nama usaha', value: 'Warung Budi' }],
    };
    const { rows } = letterContent(v2, date);
    expect(valueOf(rows, 'letters.f_signer_position')).toBe('Lurah Ketapang');
    expect(valueOf(rows, 'letters.f_signer_rank')).toBe('Penata (III/c)');
    expect(valueOf(rows, 'letters.f_signer_nip')).toBe('197001011990031001');
    expect(valueOf(rows, 'Agama')).toBe('Islam');
    expect(valueOf(rows, 'No. KK')).toBe('3574********0003');
    expect(valueOf(rows, 'Nama usaha')).toBe('Warung Budi');
  });

  it('a record missing whole parts still presents, without failing', () => {
    expect(letterContent({ number: 'X' }, date)).toEqual({ rows: [{ key: 'letters.f_number', value: 'X' }], text: '' });
    expect(letterContent(null, date)).toEqual({ rows: [], text: '' });
    expect(letterContent({ signer: 'not an object', fields: 'x', identity: [null, 1] }, date).rows).toEqual([]);
  });

  it('helpers', () => {
    expect(maskLongNumbers('NIK 3574011306910001, NIP 197001011990031001')).toBe(
      'NIK 3574********0001, NIP 197001011990031001',
    );
    expect(labelOfKey('nama_usaha')).toBe('Nama usaha');
  });
});
