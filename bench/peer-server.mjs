// The peer stack: Auth0's express-openid-connect (session in an encrypted cookie,
// code flow with PKCE) plus http-proxy-middleware adding the user's access token,
// against the same oidc-provider and the same upstream as the BFF.
//
// PEER_MODE=fair (the row the targets compare with): production settings
// (NODE_ENV=production, set by the bench) and a keep-alive agent to the upstream, as
// http-proxy-middleware's docs recommend for a proxy under load. PEER_MODE=as-before:
// the earlier setup with no agent, where every call opens a new upstream socket and the
// upstream's `Connection: close` is copied to the client (a new client socket per call
// too); kept as a labelled extra row, not a target.
import { Agent } from 'node:http';
import express from 'express';
import openid from 'express-openid-connect';
import { createProxyMiddleware } from 'http-proxy-middleware';

const { auth, requiresAuth } = openid;
const { PORT, ISSUER, CLIENT_ID, CLIENT_SECRET, UPSTREAM, SECRET, PEER_MODE = 'fair' } = process.env;
const baseURL = `http://127.0.0.1:${PORT}`;
const app = express();
app.disable('x-powered-by');
app.use(
  auth({
    issuerBaseURL: ISSUER,
    baseURL,
    clientID: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    secret: SECRET,
    authRequired: false,
    authorizationParams: { response_type: 'code', response_mode: 'query', scope: 'openid profile email' },
  }),
);
const agent = PEER_MODE === 'fair' ? new Agent({ keepAlive: true, maxSockets: 256 }) : undefined;
app.use(
  '/api',
  requiresAuth(),
  createProxyMiddleware({
    target: UPSTREAM,
    changeOrigin: true,
    agent,
    on: {
      proxyReq: (proxyReq, req) => {
        proxyReq.removeHeader('cookie');
        proxyReq.setHeader('authorization', `Bearer ${req.oidc.accessToken.access_token}`);
      },
    },
  }),
);
const server = app.listen(Number(PORT), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: baseURL, mode: PEER_MODE })}\n`));
server.keepAliveTimeout = 65_000;
