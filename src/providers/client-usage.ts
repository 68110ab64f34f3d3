/**
 * The usage part of the adapter seam: where a provider's API takes asynchronous
 * OAuth-client usage queries (post a query or ask a summary, get an execution id,
 * poll its results). Feature code (the usage module) asks for this and never
 * branches on the provider kind; providers without it leave `clientUsage` undefined.
 */
export interface ClientUsageApi {
  /** POST here with the query body; answers `{executionId, resultsUri}`. */
  queryPath(clientId: string): string;
  /** GET here (with `days`); answers `{executionId, resultsUri}`. */
  summaryPath(clientId: string): string;
  /** GET here to poll; answers `{results, queryStatus, cursors}`. */
  resultsPath(clientId: string, executionId: string): string;
  /** The permissions (any of) the upstream requires, named in 403 problems when it does not say. */
  permission: string;
  /** The longest query interval the BFF lets through, in days. */
  maxIntervalDays: number;
  /** The `days` range of the summary. */
  maxSummaryDays: number;
}
