import express from 'express';
import type { SandboxProvider } from '../../core/contract.js';
import { getUser, listScheduledMeetings, requireUserAccess } from './api.js';
import { createApplication, regenerateSecret, updateApplication } from './applications.js';
import { authorizePage, authorizeSubmit } from './authorize.js';
import { bjErrorHandler } from './errors.js';
import { tokenHandler } from './grants.js';
import { BlueJeansStore } from './store.js';
import { revoke, tokenInfo } from './token-admin.js';

/**
 * BlueJeans emulator, mounted at `/bluejeans` (standing in for
 * https://api.bluejeans.com). Fault route names: authorize, login, token,
 * refresh, revoke, tokenInfo, api, applications.
 */
export const bluejeansProvider: SandboxProvider = {
  id: 'bluejeans',
  mounts(ctx) {
    const store = new BlueJeansStore(ctx);
    const router = express.Router();
    router.use(express.json({ limit: '32kb' }), express.urlencoded({ extended: false, limit: '32kb' }));

    router.get('/oauth2/authorize', authorizePage(ctx));
    router.post('/oauth2/authorize', authorizeSubmit(ctx, store));
    router.post('/oauth2/token', tokenHandler(ctx, store));
    router.delete('/oauth2/token', revoke(ctx, store));
    router.get('/oauth2/tokenInfo', tokenInfo(ctx, store));

    router.get('/v1/user/:user_id', requireUserAccess(ctx, store, 'user_info'), getUser);
    router.get('/v1/user/:user_id/scheduled_meeting', requireUserAccess(ctx, store, 'list_meetings'), listScheduledMeetings);

    const apps = requireUserAccess(ctx, store, 'modify_user_info', 'applications');
    router.post('/v1/user/:user_id/developer_applications', apps, createApplication(ctx, store));
    router.put('/v1/user/:user_id/developer_applications/:client_id', apps, updateApplication(ctx, store));
    router.put('/v1/user/:user_id/developer_applications/:client_id/secret', apps, regenerateSecret(ctx, store));

    router.use((_req, res) => {
      res.status(404).json({ message: 'Not Found' });
    });
    router.use(bjErrorHandler);
    return [{ basePath: '/bluejeans', router }];
  },
};
