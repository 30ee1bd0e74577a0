// A PgBouncer of the test's own, in the foreground as a child process, in
// transaction pooling mode in front of one database of the TEST_DATABASE_URL
// server. Debian's pgbouncer (1.18) refuses to run as root: as root it is
// started with `-u nobody` (it drops to that user after reading its files,
// which are therefore readable by all; they hold no secret when the server
// trusts local connections, as in CI).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bench/server-process.js';
import { waitFor, withClient } from './support.js';

export const PGBOUNCER = process.env.PGBOUNCER_BIN || '/usr/sbin/pgbouncer';
export const hasPgBouncer = existsSync(PGBOUNCER);

export interface PgBouncer {
  /** postgres:// URL of the database through PgBouncer. */
  url: string;
  /** Ends PgBouncer at once (SIGTERM: its clients' connections close) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
  output(): string;
  /** Stops it if it runs and removes its files. */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** `directUrl` names the database on the PostgreSQL server (host, port, user, password, database). */
export async function startPgBouncer(directUrl: string): Promise<PgBouncer> {
  const direct = new URL(directUrl);
  const name = direct.pathname.slice(1);
  const user = decodeURIComponent(direct.username || 'postgres');
  const password = decodeURIComponent(direct.password);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pamong-pgbouncer-'));
  chmodSync(dir, 0o755);
  const ini = join(dir, 'pgbouncer.ini');
  const users = join(dir, 'userlist.txt');
  const server = [
    `host=${direct.hostname}`,
    `port=${direct.port || 5432}`,
    `dbname=${name}`,
    `user=${user}`,
    ...(password ? [`password=${password}`] : []),
  ].join(' ');
  writeFileSync(
    ini,
    [
      '[databases]',
      `${name} = ${server}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${users}`,
      'pool_mode = transaction',
      'default_pool_size = 20',
      'max_client_conn = 200',
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  writeFileSync(users, `"${user}" ""\n`, { mode: 0o644 });
  const through = new URL(directUrl);
  through.hostname = '127.0.0.1';
  through.port = String(port);
  through.password = '';

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let out = '';
  const asRoot = process.getuid?.() === 0;

  async function start() {
    const c = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'nobody'] : []), ini], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    live.add(c);
    c.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    exited = new Promise((ok) =>
      c.once('exit', () => {
        live.delete(c);
        ok();
      }),
    );
    const up = await waitFor(`PgBouncer on port ${port}`, 15_000, async () =>
      c.exitCode !== null
        ? ('exited' as const)
        : withClient(through.toString(), (cl) => cl.query('select 1')).then(
            () => 'up' as const,
            () => undefined,
          ),
    );
    if (up === 'exited') throw new Error(`pgbouncer exited:\n${out}`);
  }
  async function stop() {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
  await start();
  return {
    url: through.toString(),
    start,
    stop,
    output: () => out,
    async dispose() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
