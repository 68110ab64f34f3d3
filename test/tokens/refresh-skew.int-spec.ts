import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startRefreshStack, type RefreshStack } from './refresh-stack.js';

// Issue 15 item 6: with tokens living no longer than the configured skew, every call
// used to refresh. The skew now shrinks to a quarter of the token's lifetime.
jest.setTimeout(90_000);

describe('refresh skew adapts to short token lifetimes (real sandbox, Postgres, Redis)', () => {
  let stack: RefreshStack;
  beforeAll(async () => {
    // The default 60 s skew, and Cal.com access tokens living 40 s: shorter than the skew.
    stack = await startRefreshStack({ TOKEN_REFRESH_SKEW_SECONDS: '60' });
    await stack.control('PUT', '/lifetimes/calcom', { accessTokenSeconds: 40 });
  });
  afterAll(() => stack?.close());

  it('a fresh 40 s token is used as is: no refresh on 40 calls across two instances', async () => {
    const linked = await stack.linkFresh('calcom');
    const access = stack.a.accounts.readTokens(linked).accessToken;
    const before = await stack.refreshCount('calcom');
    const concurrent = await Promise.all([stack.a, stack.b].flatMap((i) => Array.from({ length: 10 }, () => i.refresh.forUser(stack.userId, 'calcom'))));
    const sequential = [];
    for (let n = 0; n < 10; n++) sequential.push(await stack.a.refresh.forUser(stack.userId, 'calcom'), await stack.b.refresh.forUser(stack.userId, 'calcom'));
    expect(new Set([...concurrent, ...sequential].map((t) => t.accessToken))).toEqual(new Set([access]));
    expect((await stack.refreshCount('calcom')) - before).toBe(0);
  });

  it('the same token is refreshed, once, when it enters the last quarter of its lifetime', async () => {
    const linked = await stack.linkFresh('calcom');
    // Age the row instead of waiting: stored 35 s ago, expiring in 5 s (40 s lifetime, quarter = 10 s).
    await stack.a.app.get(DataSource).query(`UPDATE linked_accounts SET updated_at = now() - interval '35 seconds', access_expires_at = now() + interval '5 seconds' WHERE id = $1`, [linked.id]);
    const before = await stack.refreshCount('calcom');
    const results = await Promise.all([stack.a, stack.b].flatMap((i) => Array.from({ length: 10 }, () => i.refresh.forUser(stack.userId, 'calcom'))));
    expect(new Set(results.map((t) => t.accessToken)).size).toBe(1);
    expect(results[0].accessToken).not.toBe(stack.a.accounts.readTokens(linked).accessToken);
    expect((await stack.refreshCount('calcom')) - before).toBe(1);
  });
});
