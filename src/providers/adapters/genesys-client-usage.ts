import type { ClientUsageApi } from '../client-usage.js';

const clients = (clientId: string) => `/api/v2/oauth/clients/${encodeURIComponent(clientId)}/usage`;

/** Genesys Cloud's OAuth client usage API (UPSTREAMS.md; seed 001, OAuthApi). */
export const GENESYS_CLIENT_USAGE: ClientUsageApi = Object.freeze({
  queryPath: (clientId: string) => `${clients(clientId)}/query`,
  summaryPath: (clientId: string) => `${clients(clientId)}/summary`,
  resultsPath: (clientId: string, executionId: string) => `${clients(clientId)}/query/results/${encodeURIComponent(executionId)}`,
  permission: 'oauth:client:view or usage:client:view',
  // The platform documents no upper bound; a year (plus a leap day) matches its summary's `days` range.
  maxIntervalDays: 366,
  maxSummaryDays: 366,
});
