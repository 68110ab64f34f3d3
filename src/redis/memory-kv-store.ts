import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { KvStore } from './kv-store.port.js';

interface Entry {
  value: string | Map<string, number>;
  expiresAt: number;
}

/**
 * In-process store for single-instance dev runs. Same semantics as Redis for
 * every port operation; state dies with the process.
 */
export class MemoryKvStore extends KvStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.bus.setMaxListeners(0);
    // Expired keys are also dropped lazily on read; the sweep bounds memory.
    this.sweeper = setInterval(() => this.sweep(), 30_000).unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.live(key);
  }

  private str(key: string): string | null {
    const value = this.live(key)?.value;
    return typeof value === 'string' ? value : null;
  }

  private zset(key: string, ttlMs?: number): Map<string, number> {
    const entry = this.live(key);
    if (entry && entry.value instanceof Map) {
      if (ttlMs !== undefined) entry.expiresAt = Math.max(entry.expiresAt, this.now() + ttlMs);
      return entry.value;
    }
    const value = new Map<string, number>();
    if (ttlMs !== undefined) this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return value;
  }

  async get(key: string): Promise<string | null> {
    return this.str(key);
  }

  async set(key: string, value: string, ttlMs: number, opts: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    if (opts.onlyIfAbsent && this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async getDel(key: string): Promise<string | null> {
    const value = this.str(key);
    if (value !== null) this.entries.delete(key);
    return value;
  }

  async del(...keys: string[]): Promise<number> {
    return keys.filter((key) => this.live(key) && this.entries.delete(key)).length;
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    const next = Number(this.str(key) ?? 0) + 1;
    const entry = this.live(key);
    this.entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    return next;
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (!entry) return false;
    entry.expiresAt = this.now() + ttlMs;
    return true;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.now() : -1;
  }

  async zAdd(key: string, score: number, member: string, ttlMs: number): Promise<void> {
    this.zset(key, ttlMs).set(member, score);
  }

  async zRem(key: string, ...members: string[]): Promise<number> {
    const set = this.zset(key);
    return members.filter((m) => set.delete(m)).length;
  }

  async zRangeByScore(key: string, min: number, max: number): Promise<string[]> {
    return [...this.zset(key).entries()]
      .filter(([, score]) => score >= min && score <= max)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([member]) => member);
  }

  async zRemRangeByScore(key: string, min: number, max: number): Promise<number> {
    const doomed = await this.zRangeByScore(key, min, max);
    return this.zRem(key, ...doomed);
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | null> {
    const token = randomBytes(16).toString('hex');
    return (await this.set(`lock:${name}`, token, ttlMs, { onlyIfAbsent: true })) ? token : null;
  }

  async extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    if (this.str(`lock:${name}`) !== token) return false;
    return this.set(`lock:${name}`, token, ttlMs);
  }

  async releaseLock(name: string, token: string): Promise<boolean> {
    if (this.str(`lock:${name}`) !== token) return false;
    return this.entries.delete(`lock:${name}`);
  }

  async publish(channel: string, message: string): Promise<void> {
    // Redis delivers asynchronously; so do we, so callers cannot rely on ordering quirks.
    setImmediate(() => this.bus.emit(channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    this.bus.on(channel, handler);
    return async () => {
      this.bus.off(channel, handler);
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
    this.entries.clear();
  }
}
