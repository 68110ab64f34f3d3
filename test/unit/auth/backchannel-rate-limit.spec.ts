import { describe, expect, it } from '@jest/globals';
import { BackchannelRateLimit } from '../../../src/auth/upstream-logout/backchannel-rate-limit.js';
import type { AppConfig } from '../../../src/config/app-config.js';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';

describe('BackchannelRateLimit', () => {
  const config = { logout: { backchannelMaxPerMinute: 3 } } as AppConfig;

  it('lets the limit through per provider, then answers 429 too_many_requests with Retry-After', async () => {
    const limit = new BackchannelRateLimit(new MemoryKvStore(), config);
    for (let i = 0; i < 3; i++) await limit.hit('oidc');
    const refused = await limit.hit('oidc').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: 'too_many_requests' });
    const retryAfter = Number((refused as { headers: Record<string, string> }).headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another provider has its own budget.
    await expect(limit.hit('other')).resolves.toBeUndefined();
  });

  it('a store outage is a 503, not a pass', async () => {
    const kv = new MemoryKvStore();
    await kv.close();
    kv.incr = () => Promise.reject(new Error('down'));
    await expect(new BackchannelRateLimit(kv, config).hit('oidc')).rejects.toMatchObject({ status: 503, code: 'dependency_unavailable' });
  });
});
