// The real server (src/server.ts, what `npm start` runs) as a child process
// on 127.0.0.1: for the bench's app instances and the crash test's SIGKILL.
// `node --import tsx` keeps it ONE process, so the pid we signal is the
// server itself (no npm or tsx wrapper in between).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** Sends the signal and waits until the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<string>;
}

/**
 * Node options for the benches' app instances, from the environment:
 * BENCH_PROF=<dir> writes a CPU profile of each instance there;
 * BENCH_NODE_ARGS='--perf-basic-prof' passes options through (for `perf record`).
 */
export function benchNodeArgs(): string[] {
  return [
    ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
/** Kills every server this process started and has not stopped yet (tests call it in afterAll; also runs on exit). */
export function killAllServers() {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  live.clear();
}

/**
 * Starts the server with exactly `env` (plus PATH/HOME; nothing else is
 * inherited, so a DATABASE_URL of the caller cannot leak in), listening on
 * 127.0.0.1:`port`, and waits until /healthz answers.
 */
export async function startServer(
  env: Record<string, string>,
  opts: { port: number; timeoutMs?: number; nodeArgs?: string[]; script?: string },
): Promise<ServerProcess> {
  if (!exitHookInstalled) {
    process.once('exit', killAllServers);
    exitHookInstalled = true;
  }
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script ?? 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      ...env,
      HOST: '127.0.0.1',
      PORT: String(opts.port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<string>((ok) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      ok(signal ?? String(code));
    }),
  );
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let gone: string | null = null;
  void exited.then((s) => (gone = s));
  for (;;) {
    if (gone !== null) throw new Error(`server exited (${gone}) before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${opts.timeoutMs ?? 30_000} ms:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
