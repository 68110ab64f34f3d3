import { jest } from '@jest/globals';
import { UpstreamError } from '../../src/providers/upstream-error.js';
import type { LinkedAccountEntity } from '../../src/tokens/linked-account.entity.js';
import { armFault } from '../unit/providers/helpers/sandbox-providers.js';
import { startRefreshStack, type Kind, type RefreshStack } from './refresh-stack.js';

// SECURITY.md Tokens 21-22 against the real sandbox, Postgres and Redis, with two BFF
// apps as two instances of a fleet: a refresh storm makes exactly one upstream refresh,
// rotation never sees a refresh token twice, and failures end or keep the link as designed.
jest.setTimeout(90_000);

let stack: RefreshStack;
beforeAll(async () => {
  stack = await startRefreshStack();
});
afterAll(() => stack?.close());
afterEach(() => stack.control('DELETE', '/faults'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the token is inside the 1 s skew, i.e. due for refresh. */
async function untilDue(account: LinkedAccountEntity): Promise<void> {
  await sleep(Math.max(0, account.accessExpiresAt!.getTime() - 1_000 - Date.now() + 100));
}

/** 100 concurrent forUser calls on each instance. */
function storm(kind: Kind) {
  const calls = [stack.a, stack.b].flatMap((instance) => Array.from({ length: 100 }, () => instance.refresh.forUser(stack.userId, kind)));
  return Promise.allSettled(calls);
}

describe.each(['calcom', 'bluejeans'] as const)('%s refresh storm across two instances', (kind) => {
  it('expired token, 200 concurrent callers -> 1 upstream refresh, all get the same new token, rotation never reused', async () => {
    await stack.control('PUT', `/lifetimes/${kind}`, { accessTokenSeconds: 4 });
    const linked = await stack.linkFresh(kind);
    const oldAccess = stack.a.accounts.readTokens(linked).accessToken;
    const before = await stack.refreshCount(kind);
    await untilDue(linked);

    const results = await storm(kind);
    const tokens = results.map((r) => (r.status === 'fulfilled' ? r.value.accessToken : `failed: ${String(r.reason)}`));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(oldAccess);
    expect(tokens[0]).not.toMatch(/^failed/);
    expect((await stack.refreshCount(kind)) - before).toBe(1);

    // Persisted before use: the row holds exactly the token the callers got.
    const row = (await stack.a.accounts.findById(linked.id))!;
    expect(stack.b.accounts.readTokens(row).accessToken).toBe(tokens[0]);
    // The new token works upstream, and the grant is still alive: had any refresh token been
    // sent twice, Cal.com would have revoked the family and BlueJeans refused the retired one.
    await expect(stack.a.registry.get(kind).tokenInfo(tokens[0])).resolves.toBeDefined();
    await untilDue(row);
    const again = await stack.b.refresh.forUser(stack.userId, kind);
    expect(again.accessToken).not.toBe(tokens[0]);
    expect((await stack.refreshCount(kind)) - before).toBe(2);
    await stack.control('PUT', `/lifetimes/${kind}`, { accessTokenSeconds: 3600 });
  });
});

describe('refresh failures against the sandbox', () => {
  it('invalid_grant -> link refresh_failed, the sessions depending on it ended, 401 reauth_required on both instances', async () => {
    const linked = await stack.linkFresh('calcom', true);
    const dependent = await stack.a.sessions.create({ userId: stack.userId, kind: 'web', roles: [], providers: ['calcom'] });
    const unrelated = await stack.a.sessions.create({ userId: stack.userId, kind: 'web', roles: [], providers: ['bluejeans'] });
    const before = await stack.refreshCount('calcom');
    await armFault(stack.sandbox.url, { provider: 'calcom', route: 'refresh', invalidGrant: true, times: 1 });

    const results = await Promise.allSettled([stack.a, stack.b].flatMap((i) => Array.from({ length: 20 }, () => i.refresh.forUser(stack.userId, 'calcom'))));
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'reauth_required', status: 401, extra: { provider: 'calcom', loginUrl: '/v1/auth/calcom/login' } } });
    }
    expect((await stack.refreshCount('calcom')) - before).toBe(1);
    expect((await stack.b.accounts.findById(linked.id))?.status).toBe('refresh_failed');
    const live = (await stack.b.sessions.list(stack.userId)).map((s) => s.id);
    expect(live).not.toContain(dependent.session.id);
    expect(live).toContain(unrelated.session.id);
    // Later callers that need the link get the same answer, not a 409: only a new login helps.
    for (const instance of [stack.a, stack.b]) {
      await expect(instance.refresh.forUser(stack.userId, 'calcom')).rejects.toMatchObject({ code: 'reauth_required', status: 401, extra: { loginUrl: '/v1/auth/calcom/login' } });
      await expect(instance.refresh.afterRejection(stack.userId, 'calcom', 'any')).rejects.toMatchObject({ code: 'reauth_required', status: 401 });
    }
  });

  it('503 on refresh -> link, tokens and sessions kept, UpstreamError 503 with Retry-After; the next call refreshes', async () => {
    const linked = await stack.linkFresh('calcom', true);
    const session = await stack.a.sessions.create({ userId: stack.userId, kind: 'web', roles: [], providers: ['calcom'] });
    await armFault(stack.sandbox.url, { provider: 'calcom', route: 'refresh', status: 503, times: 1 });

    const error = await stack.a.refresh.forUser(stack.userId, 'calcom').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } });
    const row = (await stack.a.accounts.findById(linked.id))!;
    expect(row).toMatchObject({ status: 'active', version: linked.version, accessTokenCiphertext: linked.accessTokenCiphertext });
    expect((await stack.a.sessions.list(stack.userId)).map((s) => s.id)).toContain(session.session.id);

    const next = await stack.b.refresh.forUser(stack.userId, 'calcom');
    expect(next.accessToken).not.toBe(stack.a.accounts.readTokens(linked).accessToken);
  });

  it('429 with Retry-After on refresh -> 503 carrying the provider\'s Retry-After, link kept', async () => {
    const linked = await stack.linkFresh('bluejeans', true);
    await armFault(stack.sandbox.url, { provider: 'bluejeans', route: 'refresh', status: 429, retryAfterSeconds: 9, times: 1 });
    const error = await stack.b.refresh.forUser(stack.userId, 'bluejeans').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rate_limited', status: 503, headers: { 'Retry-After': '9' } });
    expect((await stack.a.accounts.findById(linked.id))?.status).toBe('active');
  });

  it.each([
    ['7', '7'],
    ['86400', '120'],
  ])("503 with Retry-After %s on refresh -> our 503 carries the provider's value, bounded (%s)", async (given, expected) => {
    const linked = await stack.linkFresh('calcom', true);
    await armFault(stack.sandbox.url, { provider: 'calcom', route: 'refresh', status: 503, retryAfterSeconds: Number(given), times: 1 });
    const error = await stack.a.refresh.forUser(stack.userId, 'calcom').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, headers: { 'Retry-After': expected } });
    expect((await stack.a.accounts.findById(linked.id))?.status).toBe('active');
  });

  it('afterRejection on both instances with the same rejected token -> one refresh, both get the new token', async () => {
    const linked = await stack.linkFresh('bluejeans');
    const rejected = stack.a.accounts.readTokens(linked).accessToken;
    const before = await stack.refreshCount('bluejeans');
    const [x, y] = await Promise.all([stack.a.refresh.afterRejection(stack.userId, 'bluejeans', rejected), stack.b.refresh.afterRejection(stack.userId, 'bluejeans', rejected)]);
    expect(x.accessToken).toBe(y.accessToken);
    expect(x.accessToken).not.toBe(rejected);
    expect((await stack.refreshCount('bluejeans')) - before).toBe(1);
  });
});
