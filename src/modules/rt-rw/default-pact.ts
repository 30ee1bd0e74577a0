// The default pact text a city adapts (reference/pakta-integritas-rtrw.md,
// provenance in the file): the admin's publish form starts from it while the
// city has no pact, and the demo city publishes it as version 1.
import { readFileSync } from 'node:fs';

const FILE = new URL('../../../reference/pakta-integritas-rtrw.md', import.meta.url);

/** Title after `judul:`, body between the `isi` markers. */
export function parseDefaultPact(text: string): { title: string; body: string } {
  const title = /^judul:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const body = /<!-- isi -->\n([\s\S]*?)\n<!-- \/isi -->/.exec(text)?.[1]?.trim() ?? '';
  if (!title || !body) throw new Error('reference/pakta-integritas-rtrw.md: judul atau isi tidak ditemukan');
  return { title, body };
}

let cached: { title: string; body: string } | null = null;
export function defaultPact(): { title: string; body: string } {
  cached ??= parseDefaultPact(readFileSync(FILE, 'utf8'));
  return cached;
}
