// The ZIP writer round-trips through a reader written here (central directory → local header → inflate → CRC) and,
// when Info-ZIP's unzip is installed, passes `unzip -t`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../tests/helpers/zip.js';
import { writeZip } from './export-zip.js';

describe('writeZip', () => {
  const entries = [
    { name: 'naskah.json', content: Buffer.from(JSON.stringify({ perihal: 'Undangan rapat — ünïcode' })) },
    { name: 'pdf/naskah-1.pdf', content: Buffer.from('%PDF-1.4\n'.repeat(200)) },
    { name: 'kosong.txt', content: Buffer.alloc(0) },
  ];
  const zip = writeZip(entries, new Date('2024-02-29T10:11:12Z'), 420);

  it('round-trips every entry byte for byte', () => {
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(back.get(e.name)!.equals(e.content)).toBe(true);
  });

  it('refuses unsafe or repeated names', () => {
    expect(() => writeZip([{ name: '../x', content: Buffer.alloc(1) }], new Date())).toThrow(/unsafe/);
    expect(() =>
      writeZip(
        [
          { name: 'a', content: Buffer.alloc(1) },
          { name: 'a', content: Buffer.alloc(1) },
        ],
        new Date(),
      ),
    ).toThrow(/twice/);
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('passes unzip -t', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      const file = join(dir, 'paket.zip');
      writeFileSync(file, zip);
      const out = execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
