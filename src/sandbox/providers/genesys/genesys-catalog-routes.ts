import type { Request, Response, Router } from 'express';
import { authorizationEntity } from './genesys-authorizations.js';
import { callerOf, requireAnyPermission } from './genesys-api-auth.js';
import { listScopes, negotiateLanguage, scopeEntity } from './genesys-catalog.js';
import { notFound, platformError, sendPlatformError } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';

function language(req: Request, res: Response) {
  const lang = negotiateLanguage(req.get('accept-language'));
  res.setHeader('Content-Language', lang);
  return lang;
}

/** Scopes (no permission needed) and the caller's authorizations (`oauth:client:authorize`). */
export function registerCatalogRoutes(router: Router, state: GenesysState): void {
  router.get('/api/v2/oauth/scopes', (req, res) => {
    const entities = listScopes(language(req, res));
    res.json({ total: entities.length, entities, selfUri: '/api/v2/oauth/scopes' });
  });

  router.get('/api/v2/oauth/scopes/:scopeId', (req, res) => {
    const scope = scopeEntity(req.params.scopeId as string, language(req, res));
    if (!scope) return sendPlatformError(res, notFound('OAuth scope'));
    res.json(scope);
  });

  // Authorizations belong to a resource owner, so a client-credentials token has none to list.
  const owner = (res: Response) => {
    const { user } = callerOf(res);
    if (!user) {
      sendPlatformError(res, platformError(400, 'This request requires a user context. Client credentials cannot be used for requests to this resource.'));
    }
    return user;
  };

  router.get('/api/v2/oauth/authorizations', requireAnyPermission('oauth:client:authorize'), (req, res) => {
    language(req, res);
    const user = owner(res);
    if (!user) return;
    const entities = state.authorizations.forUser(user.id).map((r) => authorizationEntity(r, state.clients.get(r.clientId), user));
    res.json({ total: entities.length, entities, selfUri: '/api/v2/oauth/authorizations' });
  });

  router.get('/api/v2/oauth/authorizations/:clientId', requireAnyPermission('oauth:client:authorize'), (req, res) => {
    language(req, res);
    const user = owner(res);
    if (!user) return;
    const clientId = req.params.clientId as string;
    const record = state.authorizations.find(user.id, clientId);
    if (!record) return sendPlatformError(res, notFound('OAuth authorization'));
    res.json(authorizationEntity(record, state.clients.get(clientId), user));
  });
}
