import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ManagementAuthorityService } from '../../clients/authority/management-authority.service.js';
import type { ManagementActor } from '../../clients/authority/management-call.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { backoffDelay, sleep } from '../../providers/http/backoff.js';
import { record, safeUpstreamText } from '../../providers/http/map-failure.js';
import { retryAfterSeconds } from '../../providers/http/upstream-http.js';
import type { ClientUsageApi } from '../../providers/client-usage.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { KvStore } from '../../redis/kv-store.port.js';
import type { UsageResultsDto } from '../common/usage-results.dto.js';
import { validationFailed } from '../common/valid-query.pipe.js';
import type { UsageQueryResourceDto } from './dto/usage-query-resource.dto.js';
import type { UsageQueryRequestDto } from './dto/usage-query-request.dto.js';
import { queryExpired, queryFailed, queryNotFound, usageNotSupported } from './usage-errors.js';
import { UsageQueryStore, type UsageQueryRecord } from './usage-query.store.js';
import { normaliseResults, queryStatusOf } from './usage-results.mapper.js';

const DAY_MS = 86_400_000;
// Longer than one upstream poll can take (the provider timeout is at most a minute); a crashed holder's lock frees itself.
const POLL_LOCK_TTL_MS = 90_000;

export type UsageRead =
  | { state: 'complete'; result: UsageResultsDto }
  | { state: 'running'; resource: UsageQueryResourceDto; retryAfterSeconds: number; upstreamAsked?: boolean };

/**
 * Upstream usage queries (docs/usage.md): start one (or a summary), keep the
 * upstream execution id server-side under a query resource bound to the caller, and
 * poll politely: one poll per query at a time across the fleet (Redis lock), the
 * provider's breaker and timeout (via the management authority), a Complete result
 * cached so it is never fetched twice, and optional waiting with backoff.
 */
@Injectable()
export class UpstreamUsageService {
  private readonly retryAfterSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(ManagementAuthorityService) private readonly authority: ManagementAuthorityService,
    @Inject(UsageQueryStore) private readonly store: UsageQueryStore,
    @Inject(KvStore) private readonly kv: KvStore,
  ) {
    this.retryAfterSeconds = config.usage.upstream.pollRetryAfterSeconds;
  }

  async startQuery(actor: ManagementActor, provider: string, clientId: string, body: UsageQueryRequestDto): Promise<UsageQueryResourceDto> {
    const api = this.usageApi(provider);
    checkInterval(body.interval, api.maxIntervalDays);
    const json = { interval: body.interval, granularity: body.granularity ?? 'Day', ...(body.metrics ? { metrics: body.metrics } : {}), ...(body.groupBy ? { groupBy: body.groupBy } : {}) };
    const answer = await this.authority.request(actor, provider, { method: 'POST', path: api.queryPath(clientId), json, operation: 'query client usage', permission: api.permission });
    return this.remember(actor, provider, clientId, 'query', answer);
  }

  async startSummary(actor: ManagementActor, provider: string, clientId: string, days: number): Promise<UsageQueryResourceDto> {
    const api = this.usageApi(provider);
    if (days > api.maxSummaryDays) throw validationFailed('days', `must be at most ${api.maxSummaryDays}`);
    const answer = await this.authority.request(actor, provider, { method: 'GET', path: api.summaryPath(clientId), query: { days: String(days) }, operation: 'summarise client usage', permission: api.permission });
    return this.remember(actor, provider, clientId, 'summary', answer);
  }

  /** Polls until complete or `waitSeconds` runs out; a Running answer tells when to ask again. */
  async read(actor: ManagementActor, provider: string, id: string, waitSeconds: number): Promise<UsageRead> {
    const deadline = Date.now() + waitSeconds * 1000;
    for (let attempt = 0; ; attempt++) {
      const query = await this.owned(actor, provider, id);
      const outcome = await this.pollOnce(actor, query);
      if (outcome.state === 'complete') return outcome;
      // Exponential backoff from half a second, but never sooner than the upstream asked.
      const pause = Math.max(backoffDelay(attempt, 500, 4_000), outcome.upstreamAsked ? outcome.retryAfterSeconds * 1000 : 0);
      if (Date.now() + pause >= deadline) return outcome;
      await sleep(pause);
    }
  }

  private async pollOnce(actor: ManagementActor, query: UsageQueryRecord): Promise<UsageRead> {
    if (query.status === 'failed') throw queryFailed(query.provider, query.failure ?? 'no reason given');
    const cached = await this.store.result(query.id);
    if (cached) return { state: 'complete', result: cached };
    const running: UsageRead = { state: 'running', resource: toResource(query), retryAfterSeconds: this.retryAfterSeconds };
    const lock = await this.kv.acquireLock(this.store.pollLockName(query.id), POLL_LOCK_TTL_MS);
    // Another instance is asking the upstream about this query right now: do not ask twice.
    if (!lock) return running;
    try {
      const again = await this.store.result(query.id);
      if (again) return { state: 'complete', result: again };
      const api = this.usageApi(query.provider);
      const { body: answer, headers } = await this.authority.send(actor, query.provider, { method: 'GET', path: api.resultsPath(query.clientId, query.executionId), operation: 'read usage query results', permission: api.permission });
      const status = queryStatusOf(answer);
      if (status === 'Complete') {
        const result = normaliseResults(answer);
        await this.store.saveResult(query, result);
        return { state: 'complete', result };
      }
      if (status === 'Failed') {
        const reason = safeUpstreamText(record(answer).message) ?? 'no reason given';
        await this.store.save({ ...query, status: 'failed', failure: reason });
        throw queryFailed(query.provider, reason);
      }
      const asked = retryAfterSeconds(headers);
      return asked === undefined ? running : { ...running, retryAfterSeconds: asked, upstreamAsked: true };
    } finally {
      await this.kv.releaseLock(this.store.pollLockName(query.id), lock).catch(() => false);
    }
  }

  /** The caller's own, unexpired query; anyone else's id is indistinguishable from an unknown one. */
  private async owned(actor: ManagementActor, provider: string, id: string): Promise<UsageQueryRecord> {
    const query = await this.store.get(id);
    if (!query || query.userId !== actor.userId || query.provider !== provider) throw queryNotFound();
    if (Date.now() >= query.expiresAt) throw queryExpired();
    return query;
  }

  private async remember(actor: ManagementActor, provider: string, clientId: string, kind: UsageQueryRecord['kind'], answer: unknown): Promise<UsageQueryResourceDto> {
    const executionId = record(answer).executionId;
    if (typeof executionId !== 'string' || !/^[\w.:-]{1,128}$/.test(executionId)) throw queryFailed(provider, 'the answer carried no execution id');
    const now = Date.now();
    const query: UsageQueryRecord = { id: randomUUID(), provider, clientId, userId: actor.userId, kind, executionId, status: 'running', createdAt: now, expiresAt: this.store.newExpiry(now) };
    await this.store.save(query, now);
    return toResource(query);
  }

  private usageApi(provider: string): ClientUsageApi {
    const adapter = this.registry.get(provider);
    if (!adapter.clientUsage) throw usageNotSupported(adapter.id, adapter.displayName);
    return adapter.clientUsage;
  }
}

export function toResource(query: UsageQueryRecord): UsageQueryResourceDto {
  return {
    id: query.id,
    status: query.status,
    provider: query.provider,
    clientId: query.clientId,
    kind: query.kind,
    createdAt: new Date(query.createdAt).toISOString(),
    expiresAt: new Date(query.expiresAt).toISOString(),
  };
}

/** `start/end`, both ISO-8601 instants, start before end, no longer than the provider allows. */
function checkInterval(interval: string, maxDays: number): void {
  const [from, to] = interval.split('/');
  const isoInstant = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const start = isoInstant.test(from ?? '') ? Date.parse(from!) : NaN;
  const end = isoInstant.test(to ?? '') ? Date.parse(to!) : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw validationFailed('interval', 'must be ISO-8601 start/end instants');
  if (!(start < end)) throw validationFailed('interval', 'must end after it starts');
  if (end - start > maxDays * DAY_MS) throw validationFailed('interval', `must span at most ${maxDays} days`);
}
