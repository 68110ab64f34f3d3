import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditRowsFor } from './sessions-audit.js';
import { byBearer, byCookie, byCookieWrite, expectProblem, startSessionsApp, type SessionsTestApp } from './sessions-support.js';

interface SessionList {
  sessions: { id: string; kind: string; createdAt: string; lastSeenAt: string; expiresAt: string; userAgent?: string; current: boolean }[];
}

describe('my sessions: list, end one, end all others', () => {
  let test: SessionsTestApp;
  let db: DataSource;
  beforeAll(async () => {
    test = await startSessionsApp();
    db = test.app.get(DataSource);
  });
  afterAll(async () => test.close());

  const url = (path = '') => `${test.url}/v1/sessions${path}`;

  it('GET lists only my sessions with the documented fields, current flagged, and is audited', async () => {
    const me = await test.signIn({ userAgent: 'browser A' });
    const mine2 = await test.signIn({ userId: me.userId, kind: 'native', userAgent: 'phone' });
    await test.signIn();
    const requestId = randomUUID();
    const res = await fetch(url(), { headers: byCookie(me.token, { 'X-Request-Id': requestId, 'User-Agent': 'agent/1' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SessionList;
    expect(body.sessions.map((s) => s.id).sort()).toEqual([me.id, mine2.id].sort());
    const current = body.sessions.find((s) => s.current)!;
    expect(current).toMatchObject({ id: me.id, kind: 'web', userAgent: 'browser A' });
    expect(Date.parse(current.expiresAt) - Date.parse(current.createdAt)).toBe(test.config.sessions.absoluteSeconds * 1000);
    expect(body.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(body)).not.toContain(me.token);
    expect(await auditRowsFor(db, requestId)).toEqual([
      expect.objectContaining({ action: 'session_list', actor_user_id: me.userId, target_id: me.userId, outcome: 'success', user_agent: 'agent/1', ip: expect.stringContaining('127.0.0.1') }),
    ]);
  });

  it('DELETE /v1/sessions/{id} ends that session (204): its token gets 401, mine still works; audited', async () => {
    const me = await test.signIn();
    const other = await test.signIn({ userId: me.userId });
    const requestId = randomUUID();
    const res = await fetch(url(`/${other.id}`), { method: 'DELETE', headers: byCookieWrite(me.token, { 'X-Request-Id': requestId }) });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toBeNull();
    await expectProblem(await fetch(url(), { headers: byCookie(other.token) }), 401, 'unauthenticated');
    expect((await fetch(url(), { headers: byCookie(me.token) })).status).toBe(200);
    expect(await auditRowsFor(db, requestId)).toEqual([
      expect.objectContaining({ action: 'session_revoke', actor_user_id: me.userId, target_type: 'session', target_id: other.id, outcome: 'success' }),
    ]);
  });

  it("someone else's session id -> 404 session_not_found, it survives, and the attempt is audited as a failure", async () => {
    const me = await test.signIn();
    const stranger = await test.signIn();
    const requestId = randomUUID();
    const res = await fetch(url(`/${stranger.id}`), { method: 'DELETE', headers: byCookieWrite(me.token, { 'X-Request-Id': requestId }) });
    await expectProblem(res, 404, 'session_not_found');
    expect(await test.sessions.resolve(stranger.token)).not.toBeNull();
    expect(await auditRowsFor(db, requestId)).toEqual([expect.objectContaining({ action: 'session_revoke', outcome: 'failure', target_id: stranger.id })]);
  });

  it('a session id that is not a UUID -> 400 validation_failed', async () => {
    const me = await test.signIn();
    await expectProblem(await fetch(url('/not-a-uuid'), { method: 'DELETE', headers: byCookieWrite(me.token) }), 400, 'validation_failed');
  });

  it('ending my current session by id also clears the cookie', async () => {
    const me = await test.signIn();
    const res = await fetch(url(`/${me.id}`), { method: 'DELETE', headers: byCookieWrite(me.token) });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-bff_session=; Max-Age=0;/);
    await expectProblem(await fetch(url(), { headers: byCookie(me.token) }), 401, 'unauthenticated');
  });

  it('DELETE /v1/sessions ends all my other sessions, keeps the current and strangers, returns the count; audited', async () => {
    const me = await test.signIn({ kind: 'native' });
    const others = [await test.signIn({ userId: me.userId }), await test.signIn({ userId: me.userId, kind: 'native' })];
    const stranger = await test.signIn();
    const requestId = randomUUID();
    const res = await fetch(url(), { method: 'DELETE', headers: byBearer(me.token, { 'X-Request-Id': requestId }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    await expectProblem(await fetch(url(), { headers: byCookie(others[0].token) }), 401, 'unauthenticated');
    await expectProblem(await fetch(url(), { headers: byBearer(others[1].token) }), 401, 'unauthenticated');
    const after = (await (await fetch(url(), { headers: byBearer(me.token) })).json()) as SessionList;
    expect(after.sessions.map((s) => s.id)).toEqual([me.id]);
    expect(await test.sessions.resolve(stranger.token)).not.toBeNull();
    expect(await auditRowsFor(db, requestId)).toEqual([
      expect.objectContaining({ action: 'session_revoke_all', actor_user_id: me.userId, target_type: 'user', target_id: me.userId, details: { revoked: 2, keptCurrent: true } }),
    ]);
  });
});
