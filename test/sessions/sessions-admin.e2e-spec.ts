import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditRowsFor } from './sessions-audit.js';
import { byBearer, byCookie, byCookieWrite, expectProblem, startSessionsApp, type SessionsTestApp } from './sessions-support.js';

describe('ops: a user\'s sessions', () => {
  let test: SessionsTestApp;
  let db: DataSource;
  beforeAll(async () => {
    test = await startSessionsApp();
    db = test.app.get(DataSource);
  });
  afterAll(async () => test.close());

  const url = (userId: string) => `${test.url}/v1/admin/users/${userId}/sessions`;

  it('non-ops sessions get 403 forbidden on both endpoints; the target keeps its sessions', async () => {
    const plain = await test.signIn({ roles: ['user'] });
    const target = await test.signIn();
    await expectProblem(await fetch(url(target.userId), { headers: byCookie(plain.token) }), 403, 'forbidden');
    await expectProblem(await fetch(url(target.userId), { method: 'DELETE', headers: byCookieWrite(plain.token) }), 403, 'forbidden');
    expect(await test.sessions.resolve(target.token)).not.toBeNull();
  });

  it('anonymous -> 401', async () => {
    await expectProblem(await fetch(url(randomUUID())), 401, 'unauthenticated');
  });

  it("ops lists a user's sessions (audited)", async () => {
    const ops = await test.signIn({ roles: ['ops'] });
    const target = await test.signIn();
    const second = await test.signIn({ userId: target.userId, kind: 'native' });
    const requestId = randomUUID();
    const res = await fetch(url(target.userId), { headers: byCookie(ops.token, { 'X-Request-Id': requestId }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessions: { id: string; current: boolean }[] };
    expect(body.sessions.map((s) => s.id).sort()).toEqual([target.id, second.id].sort());
    expect(body.sessions.every((s) => !s.current)).toBe(true);
    expect(await auditRowsFor(db, requestId)).toEqual([
      expect.objectContaining({ action: 'admin_session_list', actor_user_id: ops.userId, target_type: 'user', target_id: target.userId, outcome: 'success' }),
    ]);
  });

  it("ops ends all of a user's sessions; they get 401 afterwards; audited with the count", async () => {
    const ops = await test.signIn({ roles: ['ops'], kind: 'native' });
    const target = await test.signIn();
    const second = await test.signIn({ userId: target.userId, kind: 'native' });
    const requestId = randomUUID();
    const res = await fetch(url(target.userId), { method: 'DELETE', headers: byBearer(ops.token, { 'X-Request-Id': requestId }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    await expectProblem(await fetch(`${test.url}/v1/sessions`, { headers: byCookie(target.token) }), 401, 'unauthenticated');
    await expectProblem(await fetch(`${test.url}/v1/sessions`, { headers: byBearer(second.token) }), 401, 'unauthenticated');
    expect(await test.sessions.resolve(ops.token)).not.toBeNull();
    expect(await auditRowsFor(db, requestId)).toEqual([
      expect.objectContaining({ action: 'admin_session_revoke_all', actor_user_id: ops.userId, target_id: target.userId, details: { revoked: 2 } }),
    ]);
  });

  it('a user id that is not a UUID -> 400 validation_failed (for ops; checked after the role)', async () => {
    const ops = await test.signIn({ roles: ['ops'] });
    await expectProblem(await fetch(url('not-a-uuid'), { headers: byCookie(ops.token) }), 400, 'validation_failed');
    await expectProblem(await fetch(url("1' OR '1'='1"), { method: 'DELETE', headers: byCookieWrite(ops.token) }), 400, 'validation_failed');
  });

  it('ops writes by cookie still need the CSRF header', async () => {
    const ops = await test.signIn({ roles: ['ops'] });
    const target = await test.signIn();
    await expectProblem(await fetch(url(target.userId), { method: 'DELETE', headers: byCookie(ops.token) }), 403, 'csrf_rejected');
    expect(await test.sessions.resolve(target.token)).not.toBeNull();
  });
});
