import { describe, expect, it } from 'vitest';
import { acceptedRequestId } from './request-id.js';

describe('acceptedRequestId', () => {
  it('keeps a well-formed id (a UUID, nginx $request_id)', () => {
    expect(acceptedRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(acceptedRequestId('4f1a9c0b2e7d4c38a1f0e9d8c7b6a5f4')).toBe('4f1a9c0b2e7d4c38a1f0e9d8c7b6a5f4');
    expect(acceptedRequestId(['uji-permintaan-01', 'lain-lain-02'])).toBe('uji-permintaan-01');
  });

  it('refuses what could carry personal data or break a log line', () => {
    for (const bad of [
      undefined,
      '',
      'pendek',
      '3574011201900001', // a NIK
      'req-3574011201900001',
      'Budi Santoso',
      'a'.repeat(65),
      'id\n{"level":60}',
      '-awal-tanda-hubung',
    ])
      expect(acceptedRequestId(bad), String(bad)).toBeNull();
  });
});
