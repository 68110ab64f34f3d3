import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

const BOOT_TIMEOUT_MS = 15_000;

export interface RedisServerOptions {
  /** Parent directory; the server keeps its data and log in `<dir>/<port>`. Default: a fresh temporary one, removed by dispose(). */
  dir?: string;
  /** Default: a free loopback port, chosen at the first start and kept for restarts. */
  port?: number;
  /** Server options after ours (they win), e.g. `['--appendonly', 'yes']` or `['--replicaof', host, port]`. */
  extraArgs?: string[];
  /** Arguments before ours, e.g. a config file and `--sentinel`. */
  binaryArgs?: string[];
  /** Run as a Sentinel watching this master (writes its own config file). */
  sentinelOf?: { name: string; port: number };
}

/**
 * One private `redis-server` (Debian's binary) on a loopback port with its own directory,
 * never the shared server on 6379, so a test may kill it, or stop it and start it again
 * (same port, same data directory) to make a Redis outage real.
 */
export class StoppableRedis {
  port: number;
  /** The process of the latest start (its exitCode/signalCode tell whether it is still up). */
  child?: ChildProcess;
  private readonly ownsDir: boolean;
  private readonly dir: string;

  constructor(private readonly options: RedisServerOptions = {}) {
    this.port = options.port ?? 0;
    this.ownsDir = options.dir === undefined;
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'test-redis-'));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<this> {
    if (this.running) return this;
    if (!this.port) this.port = await freePort();
    const nodeDir = join(this.dir, String(this.port));
    mkdirSync(nodeDir, { recursive: true });
    const child = spawn('redis-server', this.args(nodeDir), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server on ${this.port} exited ${child.exitCode}: ${output}`);
      if (await answersPing(this.port)) return this;
      await sleep(50);
    }
    await this.stop();
    throw new Error(`redis-server on ${this.port} did not answer within ${BOOT_TIMEOUT_MS} ms: ${output}`);
  }

  /**
   * SIGKILL by default: to clients the outage looks like a crash (no goodbye), the hard
   * case. `graceful` sends SIGTERM, as an orchestrator restarting Redis would: Redis then
   * writes what its persistence settings promise before it exits.
   */
  async stop(opts: { graceful?: boolean } = {}): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(opts.graceful ? 'SIGTERM' : 'SIGKILL');
    });
  }

  /** SIGKILL: to clients it looks like the machine died. */
  kill(): Promise<void> {
    return this.stop();
  }

  /** Stops the server and removes its data directory when this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }

  private args(nodeDir: string): string[] {
    const ours = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', nodeDir];
    const sentinel = this.options.sentinelOf;
    if (sentinel) {
      // A sentinel needs a writable config file of its own; an empty one is valid, the options below fill it.
      const config = join(nodeDir, 'sentinel.conf');
      writeFileSync(config, '');
      return [config, '--sentinel', ...ours, '--sentinel', 'monitor', sentinel.name, '127.0.0.1', String(sentinel.port), '1'];
    }
    return [...(this.options.binaryArgs ?? []), ...ours, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...(this.options.extraArgs ?? [])];
  }
}

/** A started private server; `kill()` is SIGKILL. */
export type RedisServerProcess = StoppableRedis & { child: ChildProcess };

/** Starts a private server in `<dir>/<port>`. */
export async function startRedisServer(dir: string, port: number, extraArgs: string[] = [], binaryArgs: string[] = []): Promise<RedisServerProcess> {
  return (await new StoppableRedis({ dir, port, extraArgs, binaryArgs }).start()) as RedisServerProcess;
}

export async function answersPing(port: number): Promise<boolean> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Runs one command on one node and returns its reply (a short-lived connection). */
export async function nodeCommand(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(args[0], ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds or the deadline passes (then throws naming what was awaited). */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
