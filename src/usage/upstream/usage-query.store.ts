import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { KvStore } from '../../redis/kv-store.port.js';
import type { UsageResultsDto } from '../common/usage-results.dto.js';
import type { QueryStatus } from './dto/usage-query-resource.dto.js';

/** A query resource as kept in Redis; `executionId` never leaves the server. */
export interface UsageQueryRecord {
  id: string;
  provider: string;
  clientId: string;
  userId: string;
  kind: 'query' | 'summary';
  executionId: string;
  status: QueryStatus;
  /** The upstream's reason, for a Failed query. */
  failure?: string;
  createdAt: number;
  expiresAt: number;
}

// An expired id is remembered a day longer, so it answers 410 "expired" rather than 404.
const TOMBSTONE_MS = 86_400_000;

/**
 * Query resources and completed results in Redis. The record lives until its
 * expiry plus a tombstone day; the result only until the expiry. Later reads of a
 * complete query are served from here and never reach the upstream.
 */
@Injectable()
export class UsageQueryStore {
  private readonly ttlMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(KvStore) private readonly kv: KvStore,
  ) {
    this.ttlMs = config.usage.upstream.queryTtlSeconds * 1000;
  }

  newExpiry(now: number): number {
    return now + this.ttlMs;
  }

  async save(record: UsageQueryRecord, now = Date.now()): Promise<void> {
    await this.kv.set(recordKey(record.id), JSON.stringify(record), Math.max(1, record.expiresAt - now) + TOMBSTONE_MS);
  }

  async get(id: string): Promise<UsageQueryRecord | undefined> {
    const raw = await this.kv.get(recordKey(id));
    return raw ? (JSON.parse(raw) as UsageQueryRecord) : undefined;
  }

  async saveResult(record: UsageQueryRecord, result: UsageResultsDto, now = Date.now()): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - now);
    await this.kv.set(resultKey(record.id), JSON.stringify(result), ttl);
    await this.save({ ...record, status: 'complete' }, now);
  }

  async result(id: string): Promise<UsageResultsDto | undefined> {
    const raw = await this.kv.get(resultKey(id));
    return raw ? (JSON.parse(raw) as UsageResultsDto) : undefined;
  }

  /** The single-flight lock for polling one query across the fleet. */
  pollLockName(id: string): string {
    return `usage:poll:${id}`;
  }
}

const recordKey = (id: string) => `usage:query:${id}`;
const resultKey = (id: string) => `usage:result:${id}`;
