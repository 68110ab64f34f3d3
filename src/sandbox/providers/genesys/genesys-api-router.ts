import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { callerOf, requireBearer } from './genesys-api-auth.js';
import { registerCatalogRoutes } from './genesys-catalog-routes.js';
import { registerClientRoutes } from './genesys-client-routes.js';
import { platformError, platformFaultBody, sendPlatformError } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';
import { registerUsageRoutes } from './genesys-usage-routes.js';
import { genesysUserId, userEntity } from './genesys-users.js';

/**
 * The API host (`https://api.{region}`): OAuth client management, scopes,
 * authorizations, usage, and `GET /api/v2/users/me` as a protected resource
 * for relayed calls. Every answer, success or error, is in the platform's shape.
 */
export function genesysApiRouter(state: GenesysState): Router {
  const { ctx } = state;
  const router = express.Router();

  router.use(async (_req, res, next) => {
    if ((await ctx.guardFault('genesys', 'api', res, platformFaultBody)) === 'answered') return;
    next();
  });
  router.use(express.json({ limit: '64kb' }));
  router.use(requireBearer(state));
  router.use(countAndLogUsage(state));

  router.get('/api/v2/users/me', (_req, res) => {
    const { user } = callerOf(res);
    if (!user) {
      return sendPlatformError(res, platformError(400, 'This request requires a user context. Client credentials cannot be used for requests to this resource.'));
    }
    res.json(userEntity(user));
  });
  registerClientRoutes(router, state);
  registerCatalogRoutes(router, state);
  registerUsageRoutes(router, state);

  router.use((req, res) => sendPlatformError(res, platformError(404, `Resource not found: ${req.method} ${req.path}`)));
  // Malformed JSON and oversized bodies come here from express.json.
  router.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message = status === 500 ? 'The server encountered an unexpected condition.' : 'The request could not be understood by the server due to malformed syntax.';
    if (!res.headersSent) sendPlatformError(res, platformError(status === 413 ? 400 : status, message));
  });
  return router;
}

/**
 * Counts every authenticated call per client and logs it for usage queries,
 * keyed by the route template (`/api/v2/oauth/clients/{clientId}`) like the platform.
 */
function countAndLogUsage(state: GenesysState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { token, user } = callerOf(res);
    state.ctx.count('genesys', token.clientId, 'api');
    const at = state.ctx.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      state.usage.log({
        clientId: token.clientId,
        clientName: state.clients.get(token.clientId)?.name ?? token.clientId,
        userId: user ? genesysUserId(user) : undefined,
        templateUri: typeof route === 'string' ? route.replace(/:(\w+)/g, '{$1}').replace(/^\//, '') : 'unknown',
        httpMethod: req.method,
        status: res.statusCode,
        at,
      });
    });
    next();
  };
}
