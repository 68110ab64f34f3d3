import { randomUUID } from 'node:crypto';
import type { GenesysErrorDetail } from './genesys-errors.js';

const GRANULARITIES = ['Day', 'Week', 'Month'] as const;
const METRICS = ['Status200', 'Status300', 'Status400', 'Status500', 'Status429', 'Requests'] as const;
const GROUP_BY = ['OAuthClientId', 'OrganizationId', 'TemplateUri', 'HttpMethod'] as const;
export const SANDBOX_ORGANIZATION_ID = '0c0ffee0-0000-4000-8000-00000000a000';

/** One API call made with a token of a client, as the usage query sees it. */
export interface UsageCall {
  clientId: string;
  clientName: string;
  userId?: string;
  templateUri: string;
  httpMethod: string;
  status: number;
  at: number;
}

export interface UsageQuery {
  start: number;
  end: number;
  granularity: (typeof GRANULARITIES)[number];
  metrics: (typeof METRICS)[number][];
  groupBy: (typeof GROUP_BY)[number][];
}

interface Execution {
  clientId: string;
  query: UsageQuery;
  startedAt: number;
  /** Result polls answered so far. */
  polls: number;
}

/** When an execution stops Running, and how it ends. */
export interface UsageRunRules {
  runningMs: number;
  /** When set, the first this-many polls answer Running whatever the time. */
  runningPolls?: number;
  fails: boolean;
}

/** Parses `start/end` ISO-8601; the platform rejects anything else. */
function parseInterval(value: unknown): { start: number; end: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const [from, to, extra] = value.split('/');
  const start = Date.parse(from ?? '');
  const end = Date.parse(to ?? '');
  return extra === undefined && Number.isFinite(start) && Number.isFinite(end) && start < end ? { start, end } : undefined;
}

export function validateUsageQuery(body: unknown): { ok: true; query: UsageQuery } | { ok: false; details: GenesysErrorDetail[] } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const details: GenesysErrorDetail[] = [];
  const interval = parseInterval(input.interval);
  if (!interval) details.push({ errorCode: input.interval === undefined ? 'required' : 'invalid.value', fieldName: 'interval' });
  const granularity = input.granularity ?? 'Day';
  if (!GRANULARITIES.includes(granularity as never)) details.push({ errorCode: 'invalid.value', fieldName: 'granularity' });
  const enumList = <T extends string>(field: string, allowed: readonly T[], fallback: T[]): T[] => {
    const value = input[field] ?? fallback;
    if (Array.isArray(value) && value.every((v) => allowed.includes(v as T))) return value as T[];
    details.push({ errorCode: 'invalid.value', fieldName: field });
    return [];
  };
  const metrics = enumList('metrics', METRICS, [...METRICS]);
  const groupBy = enumList('groupBy', GROUP_BY, []);
  if (details.length > 0 || !interval) return { ok: false, details };
  return { ok: true, query: { ...interval, granularity: granularity as UsageQuery['granularity'], metrics, groupBy } };
}

/** The summary endpoint: the last `days` days, daily, grouped by template and method. */
export function summaryQuery(days: number, now: number): UsageQuery {
  return { start: now - days * 86_400_000, end: now, granularity: 'Day', metrics: [...METRICS], groupBy: ['TemplateUri', 'HttpMethod'] };
}

/** Start of the Day / ISO Week (Monday) / Month bucket a call falls in, UTC. */
function bucketStart(at: number, granularity: UsageQuery['granularity']): string {
  const d = new Date(at);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (granularity === 'Month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
  if (granularity === 'Week') return new Date(day - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString();
  return new Date(day).toISOString();
}

const METRIC_FIELD: Record<UsageQuery['metrics'][number], string> = {
  Status200: 'status200',
  Status300: 'status300',
  Status400: 'status400',
  Status500: 'status500',
  Status429: 'status429',
  Requests: 'requests',
};

function metricHit(metric: UsageQuery['metrics'][number], status: number): boolean {
  if (metric === 'Requests') return true;
  if (metric === 'Status429') return status === 429;
  const family = Number(metric.slice(6, 7));
  // 429 is counted on its own, not as a 4xx.
  return Math.floor(status / 100) === family && status !== 429;
}

const cursor = (position: number) => Buffer.from(`row:${position}`).toString('base64url');

/**
 * API usage per client: calls are logged as they happen, queries run
 * "asynchronously" (Running until `runningMs` passed) and then aggregate the log.
 */
export class GenesysUsage {
  private calls: UsageCall[] = [];
  private readonly executions = new Map<string, Execution>();

  reset(): void {
    this.calls = [];
    this.executions.clear();
  }

  log(call: UsageCall): void {
    this.calls.push(call);
  }

  start(clientId: string, query: UsageQuery, now: number): string {
    const executionId = randomUUID();
    this.executions.set(executionId, { clientId, query, startedAt: now, polls: 0 });
    return executionId;
  }

  /** undefined for an unknown execution or one that belongs to another client. */
  result(clientId: string, executionId: string, now: number, rules: UsageRunRules) {
    const execution = this.executions.get(executionId);
    if (!execution || execution.clientId !== clientId) return undefined;
    execution.polls += 1;
    const running = rules.runningPolls !== undefined ? execution.polls <= rules.runningPolls : now - execution.startedAt < rules.runningMs;
    if (running) return { queryStatus: 'Running' as const };
    if (rules.fails) return { results: [], queryStatus: 'Failed' as const };
    const results = this.aggregate(execution);
    // One page holds everything here; the cursors name its bounds so clients can be written against paging.
    return { results, queryStatus: 'Complete' as const, cursors: { before: cursor(0), after: cursor(results.length) } };
  }

  private aggregate({ clientId, query }: Execution): Record<string, unknown>[] {
    const rows = new Map<string, Record<string, unknown>>();
    for (const call of this.calls) {
      if (call.clientId !== clientId || call.at < query.start || call.at >= query.end) continue;
      const date = bucketStart(call.at, query.granularity);
      const groups: Record<string, unknown> = {};
      if (query.groupBy.includes('OAuthClientId')) Object.assign(groups, { clientId: call.clientId, clientName: call.clientName });
      if (query.groupBy.includes('OrganizationId')) groups.organizationId = SANDBOX_ORGANIZATION_ID;
      if (query.groupBy.includes('TemplateUri')) groups.templateUri = call.templateUri;
      if (query.groupBy.includes('HttpMethod')) groups.httpMethod = call.httpMethod;
      const key = JSON.stringify([date, groups]);
      const row = rows.get(key) ?? { ...groups, ...Object.fromEntries(query.metrics.map((m) => [METRIC_FIELD[m], 0])), date };
      for (const metric of query.metrics) if (metricHit(metric, call.status)) (row[METRIC_FIELD[metric]] as number)++;
      rows.set(key, row);
    }
    return [...rows.values()];
  }
}
