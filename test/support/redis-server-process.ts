import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * One private `redis-server` (Debian's binary) on a loopback port with its own
 * directory, never the shared server on 6379, so a test may kill it.
 */
export interface RedisServerProcess {
  port: number;
  child: ChildProcess;
  /** Sends SIGKILL: to clients it looks like the machine died. */
  kill(): Promise<void>;
}

const BOOT_TIMEOUT_MS = 10_000;

export async function startRedisServer(dir: string, port: number, extraArgs: string[] = [], binaryArgs: string[] = []): Promise<RedisServerProcess> {
  const nodeDir = join(dir, String(port));
  mkdirSync(nodeDir, { recursive: true });
  const args = [
    ...binaryArgs,
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', nodeDir,
    '--save', '',
    '--appendonly', 'no',
    '--daemonize', 'no',
    '--logfile', join(nodeDir, 'redis.log'),
    ...extraArgs,
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const server: RedisServerProcess = { port, child, kill: () => killChild(child) };
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited ${child.exitCode} (log: ${nodeDir}/redis.log)`);
    if (await answersPing(port)) return server;
    await sleep(50);
  }
  await server.kill();
  throw new Error(`redis-server on ${port} did not answer within ${BOOT_TIMEOUT_MS} ms`);
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

export function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
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
