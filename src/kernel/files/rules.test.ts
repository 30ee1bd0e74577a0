import { describe, expect, it } from 'vitest';
import {
  PHOTO_JPEG,
  PHOTO_PNG,
  PHOTO_WEBP,
  pdfkitPdf,
  polyglots,
  SEED_PNG,
  SMALL_JPEG,
} from '../../../tests/helpers/uploads.js';
import { checkUpload, sniffMime } from './rules.js';

describe('upload content check', () => {
  it('accepts genuine photos, the seed PNG and a pdfkit PDF', async () => {
    expect(checkUpload(PHOTO_JPEG)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkUpload(SMALL_JPEG)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkUpload(PHOTO_PNG)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkUpload(SEED_PNG)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkUpload(PHOTO_WEBP)).toEqual({ ok: true, mime: 'image/webp' });
    // Page text that mentions markup stays inside a compressed content stream: not a reason to refuse.
    expect(checkUpload(await pdfkitPdf('Tulis <object> atau javascript: di formulir? Tidak.'))).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
    // Padding after the end of a picture is not "something after it".
    expect(checkUpload(Buffer.concat([SMALL_JPEG, Buffer.alloc(16)]))).toEqual({ ok: true, mime: 'image/jpeg' });
  });

  it('refuses polyglots: markup or a script behind a valid header, or a picture that does not end where it should', async () => {
    for (const p of await polyglots()) {
      expect(checkUpload(p.content), p.name).toEqual({ ok: false, reason: p.reason });
      // Each one passes the magic-byte check that used to be the only one.
      expect(sniffMime(p.content), p.name).toBe(p.mime);
    }
  });

  it('refuses a type the caller does not take before looking further', () => {
    expect(checkUpload(PHOTO_WEBP, undefined, ['image/jpeg', 'image/png'])).toEqual({ ok: false, reason: 'bad_type' });
    expect(checkUpload(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
    expect(checkUpload(PHOTO_JPEG, 1000)).toEqual({ ok: false, reason: 'too_large' });
  });
});
