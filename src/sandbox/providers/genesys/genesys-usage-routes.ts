import type { Router } from 'express';
import { requireAnyPermission } from './genesys-api-auth.js';
import { notFound, platformError, sendPlatformError } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';
import { summaryQuery, validateUsageQuery, type UsageQuery } from './genesys-usage.js';

const USAGE = '/api/v2/oauth/clients/:clientId/usage';

/** Asynchronous usage queries: start one, then poll its results until not Running. */
export function registerUsageRoutes(router: Router, state: GenesysState): void {
  const canView = requireAnyPermission('oauth:client:view', 'usage:client:view');
  const started = (clientId: string, query: UsageQuery) => {
    const executionId = state.usage.start(clientId, query, state.ctx.now());
    return { executionId, resultsUri: `/api/v2/oauth/clients/${clientId}/usage/query/results/${executionId}` };
  };

  router.post(`${USAGE}/query`, canView, (req, res) => {
    const clientId = req.params.clientId as string;
    if (!state.clients.get(clientId)) return sendPlatformError(res, notFound('OAuth client'));
    const checked = validateUsageQuery(req.body);
    if (!checked.ok) return sendPlatformError(res, platformError(400, 'Invalid usage query.', { details: checked.details }));
    res.status(202).json(started(clientId, checked.query));
  });

  // `days` is a string on the wire (default '7'); anything but a whole number of days is a bad request.
  router.get(`${USAGE}/summary`, canView, (req, res) => {
    const clientId = req.params.clientId as string;
    if (!state.clients.get(clientId)) return sendPlatformError(res, notFound('OAuth client'));
    const raw = req.query.days ?? '7';
    const days = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(days >= 1 && days <= 366)) {
      return sendPlatformError(res, platformError(400, 'days must be a whole number from 1 to 366.', { details: [{ errorCode: 'invalid.value', fieldName: 'days' }] }));
    }
    res.status(202).json(started(clientId, summaryQuery(days, state.ctx.now())));
  });

  router.get(`${USAGE}/query/results/:executionId`, canView, (req, res) => {
    const result = state.usage.result(req.params.clientId as string, req.params.executionId as string, state.ctx.now(), state.usageQueryRules());
    if (!result) return sendPlatformError(res, notFound('usage query execution'));
    res.json(result);
  });
}
