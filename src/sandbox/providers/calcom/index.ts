import express from 'express';
import type { SandboxProvider } from '../../core/contract.js';
import { me } from './api.js';
import { authorizePage, authorizeSubmit } from './authorize.js';
import { calError, calErrorHandler } from './errors.js';
import { CalcomStore } from './store.js';
import { exchange, refresh } from './tokens.js';

/**
 * Cal.com platform emulator, mounted at `/calcom` (standing in for
 * https://api.cal.com). Fault route names: authorize, login, token, refresh, api.
 */
export const calcomProvider: SandboxProvider = {
  id: 'calcom',
  mounts(ctx) {
    const store = new CalcomStore(ctx);
    const router = express.Router();
    router.use(express.json({ limit: '32kb' }), express.urlencoded({ extended: false, limit: '32kb' }));

    router.get('/v2/oauth/:clientId/authorize', authorizePage(ctx));
    router.post('/v2/oauth/:clientId/authorize', authorizeSubmit(ctx, store));
    router.post('/v2/oauth/:clientId/exchange', exchange(ctx, store));
    router.post('/v2/oauth/:clientId/refresh', refresh(ctx, store));
    router.get('/v2/me', me(ctx, store));

    router.use((req, res) => calError(req, res, 404, `Cannot ${req.method} ${req.originalUrl}`));
    router.use(calErrorHandler);
    return [{ basePath: '/calcom', router }];
  },
};
