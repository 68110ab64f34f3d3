// The peer stack: Auth0's express-openid-connect (session in an encrypted cookie,
// code flow with PKCE) plus http-proxy-middleware adding the user's access token,
// against the same oidc-provider and the same upstream as the BFF.
import express from 'express';
import openid from 'express-openid-connect';
import { createProxyMiddleware } from 'http-proxy-middleware';

const { auth, requiresAuth } = openid;
const { PORT, ISSUER, CLIENT_ID, CLIENT_SECRET, UPSTREAM, SECRET } = process.env;
const baseURL = `http://127.0.0.1:${PORT}`;
const app = express();
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
app.use(
  '/api',
  requiresAuth(),
  createProxyMiddleware({
    target: UPSTREAM,
    changeOrigin: true,
    on: {
      proxyReq: (proxyReq, req) => {
        proxyReq.removeHeader('cookie');
        proxyReq.setHeader('authorization', `Bearer ${req.oidc.accessToken.access_token}`);
      },
    },
  }),
);
app.listen(Number(PORT), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: baseURL })}\n`));
