import { loadConfig } from '../../../src/config/load-config.js';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';
import { SessionService } from '../../../src/sessions/session.service.js';
import type { NewSession } from '../../../src/sessions/session.types.js';

export const MINUTE = 60_000;
export const IDLE_SECONDS = 600;
export const ABSOLUTE_SECONDS = 3_600;
export const NATIVE_IDLE_SECONDS = 86_400;
export const NATIVE_ABSOLUTE_SECONDS = 7 * 86_400;

/** MemoryKvStore that remembers every key and value ever written, to prove what is (not) stored. */
export class RecordingKvStore extends MemoryKvStore {
  readonly written: string[] = [];
  sets = 0;
  gets = 0;

  private held?: Promise<void>;

  override async get(key: string): Promise<string | null> {
    this.gets += 1;
    const gate = this.held;
    this.held = undefined;
    // Read now, answer when released: the value a read in flight carries.
    const value = await super.get(key);
    if (gate) await gate;
    return value;
  }

  /** Holds back the answer of the next read until the returned function is called. */
  holdNextGet(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return release;
  }

  override async set(key: string, value: string, ttlMs: number, opts?: { onlyIfAbsent?: boolean }): Promise<boolean> {
    this.written.push(key, value);
    this.sets += 1;
    return super.set(key, value, ttlMs, opts);
  }

  override async zAdd(key: string, score: number, member: string, ttlMs: number): Promise<void> {
    this.written.push(key, member);
    return super.zAdd(key, score, member, ttlMs);
  }
}

/** A SessionService on an in-memory store whose clock (shared by the store) the test moves. */
export function sessionHarness(env: Record<string, string> = {}, shared?: { store: RecordingKvStore; clock: { now: number } }) {
  const clock = shared?.clock ?? { now: Date.UTC(2030, 0, 1) };
  const now = () => clock.now;
  const store = shared?.store ?? new RecordingKvStore(now);
  const config = loadConfig({
    NODE_ENV: 'test',
    SANDBOX_ENABLED: 'false',
    SESSION_IDLE_SECONDS: String(IDLE_SECONDS),
    SESSION_ABSOLUTE_SECONDS: String(ABSOLUTE_SECONDS),
    NATIVE_SESSION_IDLE_SECONDS: String(NATIVE_IDLE_SECONDS),
    NATIVE_SESSION_ABSOLUTE_SECONDS: String(NATIVE_ABSOLUTE_SECONDS),
    ...env,
  });
  const service = new SessionService(store, config, now);
  return {
    clock,
    store,
    service,
    advance: (ms: number) => {
      clock.now += ms;
    },
    close: () => store.close(),
  };
}

export function newSession(overrides: Partial<NewSession> = {}): NewSession {
  return { userId: 'user-1', kind: 'web', roles: [], providers: ['sandbox'], userAgent: 'jest', ip: '127.0.0.1', ...overrides };
}
