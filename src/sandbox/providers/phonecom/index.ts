import express from 'express';
import type { SandboxProvider } from '../../core/contract.js';
import { createAccessToken, getAccessToken } from './access-token.js';
import { getAccount, listExtensions, requireAccount } from './api.js';
import { authorizationPage, authorizationSubmit } from './authorize.js';
import { atError, pcErrorHandler } from './errors.js';
import { PhoneComStore } from './store.js';

/**
 * Phone.com emulator, mounted at `/phonecom/v4` (standing in for
 * https://api.phone.com/v4). Fault route names: authorize, login, token,
 * refresh, tokenInfo, api.
 */
export const phonecomProvider: SandboxProvider = {
  id: 'phonecom',
  mounts(ctx) {
    const store = new PhoneComStore(ctx);
    const router = express.Router();
    router.use(express.json({ limit: '32kb' }), express.urlencoded({ extended: false, limit: '32kb' }));

    router.get('/oauth/authorization', authorizationPage(ctx));
    router.post('/oauth/authorization', authorizationSubmit(ctx, store));
    router.post('/oauth/access-token', createAccessToken(ctx, store));
    router.get('/oauth/access-token', getAccessToken(ctx, store));

    router.get('/accounts/:account_id', requireAccount(ctx, store), getAccount);
    router.get('/accounts/:account_id/extensions', requireAccount(ctx, store, 'account-owner'), listExtensions);

    router.use((_req, res) => atError(res, 404, 'Not Found'));
    router.use(pcErrorHandler);
    return [{ basePath: '/phonecom/v4', router }];
  },
};
