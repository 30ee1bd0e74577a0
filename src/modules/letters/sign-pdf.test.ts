import { describe, expect, it } from 'vitest';
import { codeOfContactInfo, governmentOf, signatureFields } from './sign-pdf.js';

describe('what the PDF signature says', () => {
  const base = {
    cityName: 'Kota Probolinggo',
    unitName: 'Kelurahan Ketapang',
    verifyUrl: 'https://x.go.id/v/ABCD2345EFGH',
  };

  it('a self-issued certificate: non-certified, by the city, pointing at the letter’s check page', () => {
    const f = signatureFields({
      ...base,
      certificate: { certified: false, commonName: 'Pemerintah Kota Probolinggo' },
    });
    expect(f).toEqual({
      reason: 'Tanda tangan elektronik tidak tersertifikasi (PP 71/2019) oleh Pemerintah Kota Probolinggo',
      name: 'Pemerintah Kota Probolinggo',
      location: 'Kelurahan Ketapang, Kota Probolinggo',
      contactInfo: 'https://x.go.id/v/ABCD2345EFGH',
    });
  });

  it('a certified (BSrE) certificate says so and names its holder', () => {
    const f = signatureFields({ ...base, certificate: { certified: true, commonName: 'BUDI SANTOSO' } });
    expect(f.reason).toBe('Tanda tangan elektronik tersertifikasi (PP 71/2019) untuk Pemerintah Kota Probolinggo');
    expect(f.reason).not.toContain('tidak');
    expect(f.name).toBe('BUDI SANTOSO');
  });

  it('the code comes back from the verification address, in any case', () => {
    expect(codeOfContactInfo('https://x.go.id/v/ABCD2345EFGH')).toBe('ABCD2345EFGH');
    expect(codeOfContactInfo('http://localhost:3000/v/abcd2345efgh/')).toBe('ABCD2345EFGH');
    expect(codeOfContactInfo('https://x.go.id/v/pakta/ABCD2345EFGH')).toBeNull();
    expect(codeOfContactInfo('')).toBeNull();
    expect(governmentOf('  ')).toBe('Pemerintah Daerah');
  });
});
