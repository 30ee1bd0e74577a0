// Static assets from public/: long-lived cache with a content hash in the
// URL, so a phone downloads each version once. Files are read once at start
// (they ship with the code; nothing here is per-instance state).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>();
for (const name of readdirSync(PUBLIC_DIR)) {
  const type = TYPES[extname(name)];
  if (!type) continue;
  const body = readFileSync(join(PUBLIC_DIR, name));
  assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 10) });
}

/** URL of a public asset with its content hash, e.g. /static/app.css?v=1a2b3c4d5e */
export function assetUrl(name: string): string {
  const a = assets.get(name);
  return a ? `/static/${name}?v=${a.hash}` : `/static/${name}`;
}

/**
 * The service worker pre-caches exactly the URLs pages use (with their
 * content hash), and its cache name changes with them, so a release replaces
 * old copies instead of piling them up, and nothing is downloaded twice.
 */
function serviceWorkerBody(): Buffer {
  const sw = assets.get('sw.js')!;
  const names = ['app.css', 'app.js', 'icon.svg'];
  let text = sw.body.toString('utf8');
  for (const n of names) text = text.replaceAll(`'/static/${n}'`, `'${assetUrl(n)}'`);
  const version = createHash('sha256')
    .update(names.map(assetUrl).join('|') + sw.hash)
    .digest('hex')
    .slice(0, 10);
  return Buffer.from(text.replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`));
}

export function registerStatic(app: FastifyInstance) {
  const swBody = serviceWorkerBody();
  app.get<{ Params: { name: string } }>('/static/:name', { config: { access: 'public' } }, async (req, reply) => {
    const a = assets.get(req.params.name);
    if (!a || req.params.name === 'sw.js') return reply.callNotFound();
    return reply.type(a.type).header('cache-control', 'public, max-age=31536000, immutable').send(a.body);
  });
  // The service worker and manifest must live at the root and be revalidated.
  for (const name of ['sw.js', 'manifest.webmanifest']) {
    app.get(`/${name}`, { config: { access: 'public' } }, async (_req, reply) => {
      const a = assets.get(name)!;
      return reply
        .type(a.type)
        .header('cache-control', 'no-cache')
        .send(name === 'sw.js' ? swBody : a.body);
    });
  }
}
