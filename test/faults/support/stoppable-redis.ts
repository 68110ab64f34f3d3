import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../support/free-port.js';

const START_TIMEOUT_MS = 15_000;

/**
 * A private `redis-server` on a free loopback port that a fault suite may stop and
 * start again (same port, same data directory), so outages are real without ever
 * touching the shared Redis other suites use. `extraArgs` adds server options
 * (e.g. `['--appendonly', 'yes']`); `sentinelOf` makes it a Sentinel watching that
 * master instead.
 */
export class StoppableRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'faults-redis-'));
  port = 0;

  constructor(private readonly options: { extraArgs?: string[]; sentinelOf?: { name: string; port: number } } = {}) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.child) return this;
    if (!this.port) this.port = await freePort();
    const args = this.options.sentinelOf ? this.sentinelArgs(this.options.sentinelOf) : this.serverArgs();
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}: ${output}`);
      if (await this.answers()) return this;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.stop();
    throw new Error(`redis-server on ${this.port} did not answer within ${START_TIMEOUT_MS} ms: ${output}`);
  }

  /**
   * SIGKILL by default: the outage looks like a crash (no goodbye to clients), which is the
   * hard case. `graceful` sends SIGTERM, as an orchestrator restarting Redis would: Redis then
   * writes what its persistence settings promise before it exits.
   */
  async stop(opts: { graceful?: boolean } = {}): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(opts.graceful ? 'SIGTERM' : 'SIGKILL');
    });
  }

  /** Stops the server and removes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private serverArgs(): string[] {
    return ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no', ...(this.options.extraArgs ?? [])];
  }

  private sentinelArgs(master: { name: string; port: number }): string[] {
    // A sentinel needs a writable config file of its own.
    const config = join(this.dir, 'sentinel.conf');
    // An empty file is a valid initial sentinel configuration; options on the command line fill it.
    writeFileSync(config, '');
    return [config, '--sentinel', '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--sentinel', 'monitor', master.name, '127.0.0.1', String(master.port), '1'];
  }

  private async answers(): Promise<boolean> {
    const probe = new Redis({ host: '127.0.0.1', port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
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
}
