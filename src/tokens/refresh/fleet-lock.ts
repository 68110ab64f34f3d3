import type { KvStore } from '../../redis/kv-store.port.js';
import { sleep } from '../../providers/http/backoff.js';

export interface FleetLockRun<T> {
  kv: KvStore;
  name: string;
  ttlMs: number;
  /** Give up waiting for another holder after this long (ms since the first attempt). */
  maxWaitMs: number;
  pollMs: number;
  now: () => number;
  /** Runs while we hold the lock. */
  whileHeld: () => Promise<T>;
  /** Between attempts: re-reads the shared state; a value means another holder did the work. */
  poll: () => Promise<T | undefined>;
}

export type FleetLockResult<T> =
  | { value: T; how: 'held'; waitedMs: number }
  | { value: T; how: 'reused'; waitedMs: number };

export class FleetLockTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super('timed out waiting for the refresh lock');
  }
}

/**
 * The cross-instance half of single-flight: SET NX PX lock, token-checked release.
 * Whoever does not get the lock polls (with a little jitter, so waiters spread out)
 * until either the holder's result is visible in the shared state (reuse it) or the
 * lock is free again (take it: the holder failed or its lock expired). Release is
 * best-effort: if Redis hiccups the lock simply expires with its TTL.
 */
export async function runUnderFleetLock<T>(run: FleetLockRun<T>): Promise<FleetLockResult<T>> {
  const started = run.now();
  for (;;) {
    const token = await run.kv.acquireLock(run.name, run.ttlMs);
    if (token) {
      // Keep the lock alive while the holder works (a slow provider must not let a second instance
      // in with the same refresh token); if the holder dies, renewals stop and the lock expires.
      const renewal = setInterval(() => void run.kv.extendLock(run.name, token, run.ttlMs).catch(() => false), Math.max(1, Math.floor(run.ttlMs / 3)));
      renewal.unref();
      try {
        return { value: await run.whileHeld(), how: 'held', waitedMs: run.now() - started };
      } finally {
        clearInterval(renewal);
        await run.kv.releaseLock(run.name, token).catch(() => false);
      }
    }
    if (run.now() - started > run.maxWaitMs) throw new FleetLockTimeout(run.now() - started);
    await sleep(run.pollMs + Math.floor(Math.random() * run.pollMs));
    const done = await run.poll();
    if (done !== undefined) return { value: done, how: 'reused', waitedMs: run.now() - started };
  }
}
