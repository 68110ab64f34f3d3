import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KvStore } from './kv-store.port.js';
import type { RedisConnection } from './redis-client.factory.js';
import { closeRedisConnection, isReady } from './close-connection.js';

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const INCR_WITH_TTL = `local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n`;
// Extends an index's lifetime to cover its newest member, never shortens it.
const ZADD_WITH_TTL = `redis.call('zadd', KEYS[1], ARGV[1], ARGV[2]) if redis.call('pttl', KEYS[1]) < tonumber(ARGV[3]) then redis.call('pexpire', KEYS[1], ARGV[3]) end return 1`;

/** The KvStore port over ioredis; every key is namespaced with the configured prefix. */
export class RedisKvStore extends KvStore {
  readonly kind = 'redis' as const;
  private subscriber?: RedisConnection;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  constructor(
    private readonly client: RedisConnection,
    private readonly prefix: string,
  ) {
    super();
  }

  /** The shared connection, for libraries that speak Redis themselves (rate limiting). Keys must carry the prefix. */
  get connection(): RedisConnection {
    return this.client;
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs: number, opts: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    const result = opts.onlyIfAbsent
      ? await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')
      : await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    return result === 'OK';
  }

  async getDel(key: string): Promise<string | null> {
    return this.client.getdel(this.k(key));
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    // One key per call so Cluster never sees a cross-slot DEL.
    const counts = await Promise.all(keys.map((key) => this.client.del(this.k(key))));
    return counts.reduce((a, b) => a + b, 0);
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    return Number(await this.client.eval(INCR_WITH_TTL, 1, this.k(key), Math.ceil(ttlMs)));
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    return (await this.client.pexpire(this.k(key), Math.ceil(ttlMs))) === 1;
  }

  async ttl(key: string): Promise<number> {
    const ms = await this.client.pttl(this.k(key));
    return ms === -2 ? -1 : ms;
  }

  async zAdd(key: string, score: number, member: string, ttlMs: number): Promise<void> {
    await this.client.eval(ZADD_WITH_TTL, 1, this.k(key), score, member, Math.ceil(ttlMs));
  }

  async zRem(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.zrem(this.k(key), ...members) : 0;
  }

  async zRangeByScore(key: string, min: number, max: number): Promise<string[]> {
    return this.client.zrangebyscore(this.k(key), min, max);
  }

  async zRemRangeByScore(key: string, min: number, max: number): Promise<number> {
    return this.client.zremrangebyscore(this.k(key), min, max);
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | null> {
    const token = randomBytes(16).toString('hex');
    return (await this.set(`lock:${name}`, token, ttlMs, { onlyIfAbsent: true })) ? token : null;
  }

  async extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    return Number(await this.client.eval(EXTEND_LOCK, 1, this.k(`lock:${name}`), token, ttlMs)) === 1;
  }

  async releaseLock(name: string, token: string): Promise<boolean> {
    return Number(await this.client.eval(RELEASE_LOCK, 1, this.k(`lock:${name}`), token)) === 1;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.k(channel), message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    const subscriber = await this.ensureSubscriber();
    const name = this.k(channel);
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
      await subscriber.subscribe(name);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(name) === set) {
        this.handlers.delete(name);
        // Never queue an UNSUBSCRIBE on a connection that is down: it could wait forever (and hold
        // shutdown). A channel left subscribed after a reconnect only delivers to no handler.
        if (isReady(subscriber)) await subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  private async ensureSubscriber(): Promise<RedisConnection> {
    if (this.subscriber) return this.subscriber;
    // Subscriptions need their own connection; ioredis re-subscribes after reconnects.
    const subscriber = (this.client as Redis).duplicate({ enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    await subscriber.connect().catch(() => undefined);
    return subscriber;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await Promise.all([closeRedisConnection(this.subscriber), closeRedisConnection(this.client)]);
  }
}
