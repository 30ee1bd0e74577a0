import { describe, expect, it } from 'vitest';
import { checksumOf, listMigrations, refusals, type Migration } from './migrate.js';

const files: Migration[] = [
  { version: '0001', name: 'foundation', sql: '-- Why: a start.\ncreate table a (id int);\n' },
  { version: '0002', name: 'more', sql: '-- Why: more.\ncreate table b (id int);\n' },
];
const applied = files.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m.sql) }));

describe('checksumOf', () => {
  it('is the SHA-256 of the text, the same for LF, CRLF and CR line endings', () => {
    expect(checksumOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const lf = 'create table a (\n  id int\n);\n';
    expect(checksumOf(lf.replace(/\n/g, '\r\n'))).toBe(checksumOf(lf));
    expect(checksumOf(lf.replace(/\n/g, '\r'))).toBe(checksumOf(lf));
    expect(checksumOf(lf.replace('int', 'bigint'))).not.toBe(checksumOf(lf));
    expect(checksumOf(`${lf} `)).not.toBe(checksumOf(lf));
  });

  it('gives every file in migrations/ a distinct checksum', () => {
    const all = listMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((m) => checksumOf(m.sql))).size).toBe(all.length);
  });
});

describe('refusals', () => {
  it('finds nothing when the applied files are unchanged, or not yet applied, or applied before checksums were kept', () => {
    expect(refusals(applied, files)).toEqual([]);
    expect(refusals(applied.slice(0, 1), files)).toEqual([]);
    expect(refusals([], files)).toEqual([]);
    expect(refusals([{ ...applied[0]!, checksum: null }], files)).toEqual([]);
  });

  it('refuses an applied file that changed, naming it and saying to restore it and use a new migration', () => {
    const changed = [files[0]!, { ...files[1]!, sql: files[1]!.sql.replace('int', 'bigint') }];
    const [msg, ...rest] = refusals(applied, changed);
    expect(rest).toEqual([]);
    expect(msg).toContain('0002_more.sql');
    expect(msg).not.toContain('0001_foundation.sql');
    expect(msg).toContain(applied[1]!.checksum!.slice(0, 12));
    expect(msg).toMatch(/Kembalikan berkas itu persis seperti saat dijalankan/);
    expect(msg).toMatch(/migrasi baru/);
  });

  it('does not take a CRLF checkout of an applied file for a change', () => {
    expect(
      refusals(
        applied,
        files.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') })),
      ),
    ).toEqual([]);
  });

  it('refuses an applied file that was renamed', () => {
    const [msg] = refusals(applied, [files[0]!, { ...files[1]!, name: 'renamed' }]);
    expect(msg).toContain('0002_renamed.sql');
    expect(msg).toContain('tercatat sebagai 0002_more.sql');
  });

  it('refuses a database that ran migrations this code does not have (newer database, older code)', () => {
    const newer = [...applied, { version: '0003', name: 'later', checksum: 'x'.repeat(64) }];
    const [msg, ...rest] = refusals(newer, files);
    expect(rest).toEqual([]);
    expect(msg).toContain('0003_later.sql');
    expect(msg).toMatch(/Basis datanya lebih baru daripada kode/);
  });
});
