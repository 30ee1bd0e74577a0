// The structure check (scripts/check-structure.ts) passes on this tree and
// fails on a planted violation of each rule: a kernel file importing a module,
// a module importing another's repo or internals, a file cycle, and two
// modules depending on each other through their public surfaces.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const check = (root?: string) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repo, 'scripts', 'check-structure.ts'), ...(root ? [root] : [])],
    {
      cwd: repo,
      encoding: 'utf8',
    },
  );

const planted = mkdtempSync(join(tmpdir(), 'pamong-structure-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(planted, path)), { recursive: true });
  writeFileSync(join(planted, path), text);
};

describe('structure rules', () => {
  it('hold on this repository', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('catch each planted violation', () => {
    put('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
    put('src/kernel/menu.ts', "import { a } from '../modules/alpha/service.js';\nexport const m = a;\n");
    put('src/modules/alpha/service.ts', "import { rows } from '../beta/repo.js';\nexport const a = rows;\n");
    put('src/modules/alpha/index.ts', "import { b } from '../beta/index.js';\nexport const ai = b;\n");
    put('src/modules/beta/repo.ts', 'export const rows = 1;\n');
    put('src/modules/beta/rules.ts', "import { x } from './other.js';\nexport const r = x;\n");
    put('src/modules/beta/other.ts', "import { r } from './rules.js';\nexport const x = 1;\nexport const y = r;\n");
    put('src/modules/beta/index.ts', "import { ai } from '../alpha/index.js';\nexport const b = ai;\n");
    put('src/modules/gamma/service.ts', "import { r } from '../beta/rules.js';\nexport const g = r;\n");
    const r = check(planted);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kernel-not-to-modules: src/kernel/menu.ts → src/modules/alpha/service.ts');
    expect(r.stderr).toContain('no-foreign-repo: src/modules/alpha/service.ts → src/modules/beta/repo.ts');
    expect(r.stderr).toContain('public-surface-only: src/modules/gamma/service.ts → src/modules/beta/rules.ts');
    expect(r.stderr).toMatch(/no-circular: src\/modules\/beta\/(rules|other)\.ts/);
    expect(r.stderr).toContain('module-cycle: alpha ⇄ beta');
  });
});
