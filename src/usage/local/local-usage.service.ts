import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UsageResultsDto, UsageRowDto } from '../common/usage-results.dto.js';
import { validationFailed } from '../common/valid-query.pipe.js';
import type { Granularity, LocalGroupBy, LocalUsageQueryDto } from './local-usage-query.dto.js';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 7;
const MAX_RANGE_DAYS = 400;
/** Enough for a year of daily rows for a few dozen routes; a bigger answer is refused, not truncated. */
const MAX_ROWS = 10_000;

const TRUNC: Record<Granularity, string> = { Day: 'day', Week: 'week', Month: 'month' };
const GROUP_COLUMN: Record<LocalGroupBy, { column: string; field: keyof UsageRowDto }> = {
  Provider: { column: 'provider', field: 'provider' },
  TemplateUri: { column: 'route_template', field: 'templateUri' },
  HttpMethod: { column: 'method', field: 'httpMethod' },
  UserId: { column: 'user_id', field: 'userId' },
};

const isMidnightUtc = (d: Date) => d.getTime() % DAY_MS === 0;

/**
 * Reads the BFF's own metering. Whole-day ranges without a user dimension read the
 * small `usage_daily` roll-up; anything finer or per user reads `usage_events`.
 * Only fixed SQL fragments are interpolated; every value is a bind parameter.
 */
@Injectable()
export class LocalUsageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query(input: LocalUsageQueryDto, onlyUserId?: string): Promise<UsageResultsDto> {
    const to = input.to ? new Date(input.to) : new Date();
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (!(from < to)) throw validationFailed('from', 'must be before to');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw validationFailed('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
    const userId = onlyUserId ?? input.userId;
    const groupBy = [...new Set((input.groupBy ?? '').split(',').filter(Boolean) as LocalGroupBy[])];
    const perUser = userId !== undefined || groupBy.includes('UserId');
    const fromRollUp = !perUser && isMidnightUtc(from) && isMidnightUtc(to);

    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = fromRollUp ? [`day >= ${bind(from.toISOString().slice(0, 10))}`, `day < ${bind(to.toISOString().slice(0, 10))}`] : [`occurred_at >= ${bind(from)}`, `occurred_at < ${bind(to)}`];
    if (input.provider) where.push(`provider = ${bind(input.provider)}`);
    if (input.route) where.push(`route_template = ${bind(input.route)}`);
    if (input.statusClass) where.push(`status_class = ${bind(input.statusClass)}`);
    if (userId) where.push(`user_id = ${bind(userId)}`);
    const source = fromRollUp
      ? `SELECT day::timestamp AS at, provider, route_template, method, NULL::uuid AS user_id, status_class, count AS n FROM usage_daily`
      : `SELECT occurred_at AT TIME ZONE 'UTC' AS at, provider, route_template, method, user_id, status_class, calls AS n FROM usage_events`;
    const groups = groupBy.map((g) => GROUP_COLUMN[g].column);
    const sql = `
      SELECT to_char(date_trunc('${TRUNC[input.granularity ?? 'Day']}', at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS date
        ${groups.map((c) => `, ${c}`).join('')},
        sum(n) FILTER (WHERE status_class = '2xx')::int AS status200,
        sum(n) FILTER (WHERE status_class = '3xx')::int AS status300,
        sum(n) FILTER (WHERE status_class = '4xx')::int AS status400,
        sum(n) FILTER (WHERE status_class = '5xx')::int AS status500,
        sum(n) FILTER (WHERE status_class = '429')::int AS status429,
        sum(n)::int AS requests
      FROM (${source} WHERE ${where.join(' AND ')}) s
      GROUP BY 1${groups.map((c) => `, ${c}`).join('')}
      ORDER BY 1${groups.map((c) => `, ${c}`).join('')}
      LIMIT ${MAX_ROWS + 1}`;
    const rows = (await this.dataSource.query(sql, params)) as Record<string, unknown>[];
    if (rows.length > MAX_ROWS) throw validationFailed('groupBy', `gives more than ${MAX_ROWS} rows; narrow the range or the grouping`);
    return { results: rows.map((row) => toRow(row, groupBy)), queryStatus: 'Complete' };
  }
}

function toRow(row: Record<string, unknown>, groupBy: LocalGroupBy[]): UsageRowDto {
  const out: UsageRowDto = { date: row.date as string };
  for (const g of groupBy) (out as unknown as Record<string, unknown>)[GROUP_COLUMN[g].field] = row[GROUP_COLUMN[g].column];
  for (const metric of ['status200', 'status300', 'status400', 'status500', 'status429', 'requests'] as const) out[metric] = (row[metric] as number | null) ?? 0;
  return out;
}
