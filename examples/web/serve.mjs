#!/usr/bin/env node
// `npm run demo`: serves the demo single-page app on its own origin (default
// http://localhost:5173), so it talks to the BFF cross-origin exactly as a real
// frontend does. The typed client package (TypeScript) is transpiled on request, and
// openapi-fetch is served from node_modules (the bare import is rewritten to it: an
// inline import map would need a CSP exception).
//   DEMO_PORT (5173), DEMO_HOST (localhost), DEMO_BFF_URL (http://localhost:3000)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const require = createRequire(import.meta.url);
const port = Number(process.env.DEMO_PORT ?? 5173);
const host = process.env.DEMO_HOST ?? 'localhost';
const bffUrl = (process.env.DEMO_BFF_URL ?? 'http://localhost:3000').replace(/\/$/, '');

function clientModule() {
  const ts = require('typescript');
  const source = readFileSync(join(root, 'packages/client/src/index.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return js.replace(/from ['"]openapi-fetch['"]/g, "from '/vendor/openapi-fetch.js'");
}

const JS = 'text/javascript; charset=utf-8';
const routes = {
  '/app.js': () => [JS, readFileSync(join(here, 'app.js'))],
  '/app.css': () => ['text/css; charset=utf-8', readFileSync(join(here, 'app.css'))],
  '/config.js': () => [JS, `export const BFF_URL = ${JSON.stringify(bffUrl)};\n`],
  '/client/index.js': () => [JS, clientModule()],
  '/vendor/openapi-fetch.js': () => [JS, readFileSync(join(root, 'node_modules/openapi-fetch/dist/index.mjs'))],
};

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
  try {
    // Every other path is the app itself (its router reads location), e.g. /login-error.
    const [type, body] = (routes[path] ?? (() => ['text/html; charset=utf-8', readFileSync(join(here, 'index.html'))]))();
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      // The app may only talk to itself and the BFF.
      'Content-Security-Policy': `default-src 'self'; connect-src 'self' ${bffUrl}; img-src 'self' data:; base-uri 'none'; form-action ${bffUrl}`,
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`demo server: ${error.message}\n`);
  }
});

server.listen(port, host, () => {
  const { port: bound } = server.address();
  process.stdout.write(`demo app on http://${host}:${bound} (BFF ${bffUrl})\n`);
  if (bffUrl) process.stdout.write(`start the BFF with CORS_ORIGINS=http://${host}:${bound} APP_ORIGINS=http://${host}:${bound}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
