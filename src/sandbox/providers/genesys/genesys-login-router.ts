import express, { type Router } from 'express';
import { registerAuthorizeRoutes } from './genesys-authorize-routes.js';
import type { GenesysState } from './genesys-state.js';
import { registerTokenRoutes } from './genesys-token-routes.js';

/** The login host (`https://login.{region}`): the authorize page and the token endpoint. */
export function genesysLoginRouter(state: GenesysState): Router {
  const router = express.Router();
  // The token endpoint and the login form are both form-encoded, never JSON.
  router.use(express.urlencoded({ extended: false, limit: '16kb' }));
  registerAuthorizeRoutes(router, state);
  registerTokenRoutes(router, state);
  return router;
}
