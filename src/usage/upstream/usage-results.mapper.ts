import { record } from '../../providers/http/map-failure.js';
import type { UsageResultsDto, UsageRowDto } from '../common/usage-results.dto.js';

const TEXT_FIELDS = ['date', 'clientId', 'clientName', 'organizationId', 'userId', 'templateUri', 'httpMethod'] as const;
const COUNT_FIELDS = ['status200', 'status300', 'status400', 'status500', 'status429', 'requests'] as const;

/** The upstream's query status, or undefined when the answer is not a usage result. */
export function queryStatusOf(body: unknown): 'Running' | 'Complete' | 'Failed' | undefined {
  const status = record(body).queryStatus;
  return status === 'Running' || status === 'Complete' || status === 'Failed' ? status : undefined;
}

/** Keeps the documented fields of each row (strings and counts only) and the paging cursors. */
export function normaliseResults(body: unknown): UsageResultsDto {
  const input = record(body);
  const rows = Array.isArray(input.results) ? input.results.map(record) : [];
  const results = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const field of TEXT_FIELDS) if (typeof row[field] === 'string') out[field] = row[field];
    for (const field of COUNT_FIELDS) if (typeof row[field] === 'number') out[field] = row[field];
    return out as unknown as UsageRowDto;
  });
  const cursors = record(input.cursors);
  const kept = Object.fromEntries((['before', 'after'] as const).filter((k) => typeof cursors[k] === 'string').map((k) => [k, cursors[k] as string]));
  return { results, queryStatus: 'Complete', cursors: kept };
}
