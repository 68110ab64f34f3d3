import type { Router } from 'express';
import { callerOf, requireAnyPermission } from './genesys-api-auth.js';
import { validateClientRequest } from './genesys-client-model.js';
import { notFound, platformError, sendPlatformError } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';

const CLIENTS = '/api/v2/oauth/clients';

function positiveInt(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** OAuth client CRUD and secret regeneration, with the documented permissions. */
export function registerClientRoutes(router: Router, state: GenesysState): void {
  const invalid = (details: { fieldName?: string }[]) =>
    platformError(400, `The request could not be understood by the server due to malformed syntax: ${details.map((d) => d.fieldName).join(', ')}`, { details });

  router.get(CLIENTS, requireAnyPermission('oauth:client:view'), (req, res) => {
    const all = state.clients.list();
    const pageSize = positiveInt(req.query.pageSize, 25);
    const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
    const pageNumber = Math.min(positiveInt(req.query.pageNumber, 1), pageCount);
    const uri = (n: number) => `${CLIENTS}?pageSize=${pageSize}&pageNumber=${n}`;
    res.json({
      entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
      pageSize,
      pageNumber,
      total: all.length,
      pageCount,
      firstUri: uri(1),
      // Like the platform, absent links are omitted rather than null.
      ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
      ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
      lastUri: uri(pageCount),
      selfUri: uri(pageNumber),
    });
  });

  router.post(CLIENTS, requireAnyPermission('oauth:client:add'), (req, res) => {
    const checked = validateClientRequest(req.body);
    if (!checked.ok) return sendPlatformError(res, invalid(checked.details));
    res.status(200).json(state.clients.create(checked.value, callerOf(res).user));
  });

  router.get(`${CLIENTS}/:clientId`, requireAnyPermission('oauth:client:view'), (req, res) => {
    const client = state.clients.get(req.params.clientId as string);
    if (!client) return sendPlatformError(res, notFound('OAuth client'));
    res.json(client);
  });

  router.put(`${CLIENTS}/:clientId`, requireAnyPermission('oauth:client:edit'), (req, res) => {
    if (!state.clients.get(req.params.clientId as string)) return sendPlatformError(res, notFound('OAuth client'));
    const checked = validateClientRequest(req.body);
    if (!checked.ok) return sendPlatformError(res, invalid(checked.details));
    res.json(state.clients.update(req.params.clientId as string, checked.value, callerOf(res).user));
  });

  router.delete(`${CLIENTS}/:clientId`, requireAnyPermission('oauth:client:delete'), (req, res) => {
    const clientId = req.params.clientId as string;
    if (!state.clients.delete(clientId)) return sendPlatformError(res, notFound('OAuth client'));
    // Nothing issued to a deleted client may keep working.
    state.tokens.revokeClient(clientId);
    res.status(204).end();
  });

  router.post(`${CLIENTS}/:clientId/secret`, requireAnyPermission('oauth:client:edit'), (req, res) => {
    const client = state.clients.regenerateSecret(req.params.clientId as string, callerOf(res).user);
    if (!client) return sendPlatformError(res, notFound('OAuth client'));
    res.json(client);
  });
}
