import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { SandboxProviderId } from './contract.js';
import type { SandboxState } from './context.js';

/**
 * Test-only control API, mounted under `/_control` when `sandbox.control` is
 * on. It resets state, shortens token lifetimes, arms faults and reads the
 * per-client call counters; `/echo` answers with the request it received. Bad input answers 400 `{error, message, issues?}`.
 */

const seconds = z.number().int().min(1).max(10 * 365 * 86400);

const lifetimesBody = z
  .object({
    accessTokenSeconds: seconds,
    refreshTokenSeconds: seconds,
    codeSeconds: seconds,
    // Genesys only: how long an asynchronous usage query reports Running.
    usageQueryRunningSeconds: z.number().int().min(0).max(3600),
    usageQueryRunningPolls: z.number().int().min(0).max(1000),
    usageQueryFails: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one of accessTokenSeconds, refreshTokenSeconds, codeSeconds, usageQueryRunningSeconds, usageQueryRunningPolls, usageQueryFails' });

function faultBody(providers: readonly [SandboxProviderId, ...SandboxProviderId[]]) {
  return z
    .object({
      provider: z.enum(providers),
      route: z.string().regex(/^(\*|[A-Za-z][\w.-]{0,63})$/, 'a route name such as token, refresh, revoke, api, or *'),
      latencyMs: z.number().int().min(0).max(120_000).optional(),
      answerDelayMs: z.number().int().min(0).max(120_000).optional(),
      status: z.number().int().min(400).max(599).optional(),
      retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
      drop: z.boolean().optional(),
      invalidGrant: z.boolean().optional(),
      times: z.number().int().min(1).max(10_000).optional(),
    })
    .strict()
    .refine((f) => f.latencyMs !== undefined || f.answerDelayMs !== undefined || f.status !== undefined || f.drop || f.invalidGrant, {
      message: 'a fault needs at least one of latencyMs, answerDelayMs, status, drop, invalidGrant',
    });
}

function badRequest(res: Response, message: string, issues?: z.core.$ZodIssue[]): void {
  res.status(400).json({
    error: 'bad_request',
    message,
    ...(issues ? { issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } : {}),
  });
}

export function controlRouter(state: SandboxState, providerIds: SandboxProviderId[]): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  const knownProvider = (id: string): id is SandboxProviderId => (providerIds as string[]).includes(id);
  const faultSchema = providerIds.length ? faultBody(providerIds as [SandboxProviderId, ...SandboxProviderId[]]) : undefined;

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  router.get('/lifetimes/:provider', (req, res) => {
    if (!knownProvider(req.params.provider)) return badRequest(res, `unknown provider "${req.params.provider}"`);
    res.json(state.lifetimes(req.params.provider));
  });

  router.put('/lifetimes/:provider', (req, res) => {
    if (!knownProvider(req.params.provider)) return badRequest(res, `unknown provider "${req.params.provider}"`);
    const parsed = lifetimesBody.safeParse(req.body);
    if (!parsed.success) return badRequest(res, 'invalid lifetimes', parsed.error.issues);
    res.json(state.setLifetimes(req.params.provider, parsed.data));
  });

  router.post('/faults', (req, res) => {
    const parsed = faultSchema?.safeParse(req.body);
    if (!parsed?.success) return badRequest(res, 'invalid fault', parsed?.error.issues);
    const { provider, route, ...spec } = parsed.data;
    res.status(201).json(state.faults.arm(provider, route, spec));
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: state.faults.list() });
  });

  router.delete('/faults', (req, res) => {
    const provider = typeof req.query.provider === 'string' ? req.query.provider : undefined;
    if (provider !== undefined && !knownProvider(provider)) return badRequest(res, `unknown provider "${provider}"`);
    res.json({ cleared: state.faults.clear(provider) });
  });

  router.get('/counters', (_req, res) => {
    res.json(state.counterSnapshot());
  });

  // Reveals what a caller (the BFF relay, in tests) actually sent, and sets a cookie the relay must not pass back.
  router.all('/echo', (req, res) => {
    res.cookie('sandbox_echo', 'upstream-cookie', { httpOnly: true, path: '/' });
    res.json({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body ?? null });
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such control operation' });
  });

  // Malformed JSON and oversized bodies come here from express.json().
  router.use((err: { status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal_error' : 'bad_request', message: status === 500 ? 'internal error' : err.message });
  });
  return router;
}
