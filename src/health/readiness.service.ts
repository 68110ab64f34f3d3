import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KvStore } from '../redis/kv-store.port.js';
import { ShutdownState } from './shutdown-state.js';

export type CheckStatus = 'up' | 'down';
export interface ReadinessReport {
  ready: boolean;
  checks: { database: CheckStatus; redis: CheckStatus; shutdown: 'running' | 'draining' };
}

const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function probe(work: () => Promise<unknown>): Promise<CheckStatus> {
  try {
    await withTimeout(work());
    return 'up';
  } catch {
    return 'down';
  }
}

/** Answers "can this instance serve traffic": Postgres, Redis, and not shutting down. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(ShutdownState) private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.store.ping()),
    ]);
    const draining = this.shutdown.isDraining;
    return {
      ready: database === 'up' && redis === 'up' && !draining,
      checks: { database, redis, shutdown: draining ? 'draining' : 'running' },
    };
  }
}
