import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SessionService } from '../../src/sessions/session.service.js';
import type { NewSession } from '../../src/sessions/session.types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export const APP_ORIGIN = 'https://app.example.test';
export const COOKIE = '__Host-bff_session';

export interface SessionsTestApp extends TestApp {
  sessions: SessionService;
  /** Stands in for the login flow (not built yet): a real session straight from SessionService. */
  signIn(overrides?: Partial<NewSession>): Promise<{ token: string; id: string; userId: string }>;
}

export async function startSessionsApp(overrides: Record<string, string> = {}): Promise<SessionsTestApp> {
  const test = await startTestApp({ APP_ORIGINS: APP_ORIGIN, ...overrides });
  const sessions = test.app.get(SessionService);
  return {
    ...test,
    sessions,
    signIn: async (input = {}) => {
      const { token, session } = await sessions.create({ userId: randomUUID(), kind: 'web', roles: [], providers: ['sandbox'], userAgent: 'jest', ...input });
      return { token, id: session.id, userId: session.userId };
    },
  };
}

/** Cookie-authenticated read. */
export function byCookie(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: `${COOKIE}=${token}`, ...extra };
}

/** Cookie-authenticated write that passes the CSRF rule. */
export function byCookieWrite(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return byCookie(token, { 'X-CSRF': '1', Origin: APP_ORIGIN, ...extra });
}

export function byBearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** Asserts a problem+json answer with the given status and code, and returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, requestId: res.headers.get('x-request-id') });
  return body;
}
