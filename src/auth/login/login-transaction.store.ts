import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { KvStore } from '../../redis/kv-store.port.js';
import type { LoginTransaction } from './login-transaction.js';

const STATE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Login transactions in Redis, keyed by state, consumed exactly once. */
@Injectable()
export class LoginTransactionStore {
  constructor(
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async save(transaction: LoginTransaction): Promise<void> {
    const ttlMs = this.config.sessions.loginTransactionSeconds * 1000;
    await this.guard(() => this.store.set(`login-tx:${transaction.state}`, JSON.stringify(transaction), ttlMs));
  }

  /** Reads and deletes in one step, so a replayed callback finds nothing. */
  async consume(state: string): Promise<LoginTransaction | null> {
    if (!STATE_SHAPE.test(state)) return null;
    const raw = await this.guard(() => this.store.getDel(`login-tx:${state}`));
    return raw ? (JSON.parse(raw) as LoginTransaction) : null;
  }

  /** Reads without consuming: where to send a failed callback must not cancel the login it failed to finish. */
  async peek(state: string): Promise<LoginTransaction | null> {
    if (!STATE_SHAPE.test(state)) return null;
    const raw = await this.guard(() => this.store.get(`login-tx:${state}`));
    return raw ? (JSON.parse(raw) as LoginTransaction) : null;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
