import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

type Problem = { code: string; detail: string; errors?: { field: string }[] };
type Me = { user: { id: string }; linkedAccounts: { provider: string; grantType: string }[]; session: { kind: string; expiresAt: string; context?: { meeting?: { id: string; isModerator: boolean } } } };

const MEETING = '1234567890';

describe('password and meeting grants', () => {
  let stack: LoginStack;
  let ipCounter = 0;
  beforeAll(async () => {
    stack = await startLoginStack(
      // TRUST_PROXY lets each test come from its own client IP (X-Forwarded-For), so the per-IP limit is testable alone.
      { LOG_LEVEL: 'error', TRUST_PROXY: 'true', PASSWORD_GRANT_MAX_ATTEMPTS_PER_USER: '3', PASSWORD_GRANT_MAX_ATTEMPTS_PER_IP: '5' },
      { grants: { bluejeans: { password: true, meeting: true } } },
    );
  }, 60_000);
  afterAll(async () => stack.close());

  function post(path: string, body: unknown, ip = `10.0.0.${++ipCounter}`, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${stack.bff.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: stack.bff.config.http.publicUrl, 'x-forwarded-for': ip, ...headers },
      body: JSON.stringify(body),
    });
  }

  function sessionCookie(res: Response): string {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-bff_session='))!;
    return set.split(';')[0];
  }

  async function me(cookie: string): Promise<Response> {
    return fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie } });
  }

  function upstreamTokenCalls(): number {
    const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
    return Object.values(counters.bluejeans ?? {}).reduce((sum, kinds) => sum + (kinds.token ?? 0), 0);
  }

  it('signs in with the password grant where enabled, setting the session cookie and a password link', async () => {
    const res = await post('/v1/auth/bluejeans/password', { username: 'alice', password: 'alice-password' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { provider: string }).provider).toBe('bluejeans');
    const body = (await (await me(sessionCookie(res))).json()) as Me;
    expect(body.session.kind).toBe('web');
    expect(body.linkedAccounts).toEqual([expect.objectContaining({ provider: 'bluejeans', grantType: 'password' })]);
  });

  it('answers one generic 401 for a wrong password and for an unknown user', async () => {
    const wrong = await post('/v1/auth/bluejeans/password', { username: 'bob', password: 'nope' });
    const unknown = await post('/v1/auth/bluejeans/password', { username: 'nobody', password: 'nope' });
    const [a, b] = [(await wrong.json()) as Problem, (await unknown.json()) as Problem];
    expect([wrong.status, a.code, unknown.status, b.code]).toEqual([401, 'invalid_credentials', 401, 'invalid_credentials']);
    expect(a.detail).toBe(b.detail);
    expect(JSON.stringify(a)).not.toContain('nope');
  });

  it.each([
    ['phonecom', 'the kind can but the providers file does not enable it'],
    ['genesys', 'the kind cannot'],
  ])('answers 404 grant_not_enabled on %s (%s), without calling upstream', async (provider) => {
    const res = await post(`/v1/auth/${provider}/password`, { username: 'alice', password: 'alice-password' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Problem).code).toBe('grant_not_enabled');
  });

  it('engages the per-username limit with 429 and Retry-After, without asking upstream', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/v1/auth/bluejeans/password', { username: 'ops', password: `guess-${i}` })).status).toBe(401);
    const before = upstreamTokenCalls();
    // Even the right password is refused while the username is locked.
    const limited = await post('/v1/auth/bluejeans/password', { username: 'OPS', password: 'ops-password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as Problem).code).toBe('too_many_requests');
    expect(upstreamTokenCalls()).toBe(before);
  });

  it('engages the per-IP limit across usernames', async () => {
    const ip = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/v1/auth/bluejeans/password', { username: `user-${i}`, password: 'x' }, ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses a login without X-CSRF (login CSRF) and a body with missing fields', async () => {
    const noCsrf = await fetch(`${stack.bff.url}/v1/auth/bluejeans/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'alice-password' }) });
    expect(noCsrf.status).toBe(403);
    const invalid = await post('/v1/auth/bluejeans/password', { username: 'alice' });
    const problem = (await invalid.json()) as Problem;
    expect([invalid.status, problem.code]).toEqual([400, 'validation_failed']);
    expect(problem.errors!.map((e) => e.field)).toEqual(['password']);
  });

  it.each([
    ['4321', true],
    ['1234', false],
  ])('joins the meeting with passcode %s (moderator: %s), shown in /v1/auth/me', async (passcode, isModerator) => {
    const res = await post('/v1/auth/bluejeans/meeting', { meetingId: MEETING, passcode });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { meeting: { id: string; isModerator: boolean }; expiresAt: string };
    expect(body.meeting).toEqual({ id: MEETING, isModerator });
    const view = (await (await me(sessionCookie(res))).json()) as Me;
    expect(view.session.context?.meeting).toEqual({ id: MEETING, isModerator });
    expect(view.linkedAccounts).toEqual([expect.objectContaining({ grantType: 'meeting_passcode' })]);
    // No refresh token: the session ends with the meeting token (sandbox: 1 h), not after the 12 h web default.
    const hours = (Date.parse(view.session.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeLessThanOrEqual(1);
  });

  it('keeps moderator and attendee apart: different users', async () => {
    const moderator = await post('/v1/auth/bluejeans/meeting', { meetingId: MEETING, passcode: '4321' });
    const attendee = await post('/v1/auth/bluejeans/meeting', { meetingId: MEETING, passcode: '1234' });
    const [a, b] = [(await (await me(sessionCookie(moderator))).json()) as Me, (await (await me(sessionCookie(attendee))).json()) as Me];
    expect(a.user.id).not.toBe(b.user.id);
    expect(a.session.context?.meeting?.isModerator).toBe(true);
  });

  it('refuses a wrong passcode with 401 and no cookie', async () => {
    const res = await post('/v1/auth/bluejeans/meeting', { meetingId: MEETING, passcode: '0000' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Problem).code).toBe('invalid_meeting_passcode');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-bff_session='))).toBe(false);
  });

  it('answers 404 for the meeting grant where it is not enabled', async () => {
    const res = await post('/v1/auth/phonecom/meeting', { meetingId: MEETING, passcode: '1234' });
    expect(res.status).toBe(404);
  });

  it('ends the meeting session when the meeting token expires', async () => {
    // Long enough that a busy machine still reads /me before the token expires.
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 6 });
    try {
      const res = await post('/v1/auth/bluejeans/meeting', { meetingId: MEETING, passcode: '1234' });
      const cookie = sessionCookie(res);
      expect((await me(cookie)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 6_200));
      expect((await me(cookie)).status).toBe(401);
    } finally {
      stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3600 });
    }
  });
});
