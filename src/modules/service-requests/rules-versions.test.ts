import { describe, expect, it } from 'vitest';
import { attachmentsDueAt, diffVersions, pendingExpiry, retentionCutoffs } from './rules-versions.js';

const policy = { completedDays: 30, rejectedDays: 10, returnedDays: 90, pendingHours: 24 };
const at = new Date('2026-12-02T03:00:00Z');

describe('diffVersions', () => {
  it('names the changed purpose, each changed field in form order, and each photo added, replaced or removed', () => {
    const prev = {
      purpose: 'Melamar kerja',
      fields: { nama_usaha: 'Toko A', alamat: 'Jl. Mawar' },
      attachments: [
        { id: 1, kind: 'ktp' },
        { id: 2, kind: 'kk' },
      ],
    };
    const next = {
      purpose: 'Melamar kerja ',
      fields: { alamat: 'Jl. Melati', nama_usaha: 'Toko A', catatan: 'baru' },
      attachments: [
        { id: 3, kind: 'ktp' },
        { id: 4, kind: 'surat' },
      ],
    };
    expect(diffVersions(prev, next, ['alamat', 'nama_usaha'])).toEqual([
      { what: 'field', name: 'alamat', from: 'Jl. Mawar', to: 'Jl. Melati' },
      { what: 'field', name: 'catatan', from: '', to: 'baru' },
      { what: 'attachment', kind: 'ktp', change: 'replaced', from: 1, to: 3 },
      { what: 'attachment', kind: 'kk', change: 'removed', from: 2, to: null },
      { what: 'attachment', kind: 'surat', change: 'added', from: null, to: 4 },
    ]);
  });

  it('finds nothing when only the note changed', () => {
    const v = { purpose: 'x', fields: { a: '1' }, attachments: [{ id: 1, kind: 'ktp' }] };
    expect(diffVersions(v, { ...v, fields: { a: '1' } })).toEqual([]);
    expect(diffVersions(v, { ...v, purpose: 'y' })).toEqual([{ what: 'purpose', from: 'x', to: 'y' }]);
  });
});

describe('retention', () => {
  it('counts from completion, rejection or the last return; a request under way keeps its attachments', () => {
    expect(attachmentsDueAt({ status: 'completed', completed_at: at }, policy)).toEqual(
      new Date('2027-01-01T03:00:00Z'),
    );
    expect(attachmentsDueAt({ status: 'rejected', completed_at: at }, policy)).toEqual(
      new Date('2026-12-12T03:00:00Z'),
    );
    expect(attachmentsDueAt({ status: 'returned', completed_at: null, returned_at: at }, policy)).toEqual(
      new Date('2027-03-02T03:00:00Z'),
    );
    expect(attachmentsDueAt({ status: 'in_progress', completed_at: null }, policy)).toBeNull();
    expect(attachmentsDueAt({ status: 'returned', completed_at: null, returned_at: null }, policy)).toBeNull();
  });

  it('gives the cut-offs of a run and the expiry of a pending upload', () => {
    expect(retentionCutoffs(at, policy)).toEqual({
      completedBefore: new Date('2026-11-02T03:00:00Z'),
      rejectedBefore: new Date('2026-11-22T03:00:00Z'),
      returnedBefore: new Date('2026-09-03T03:00:00Z'),
    });
    expect(pendingExpiry(at, 24)).toEqual(new Date('2026-12-03T03:00:00Z'));
  });
});
