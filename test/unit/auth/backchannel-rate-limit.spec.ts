import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BackchannelLogoutController } from '../../../src/auth/upstream-logout/backchannel-logout.controller.js';
import type { AppConfig } from '../../../src/config/app-config.js';
import { RATE_LIMIT_CLASSES, type RateLimitClass, type RateLimitQuota } from '../../../src/config/rate-limit-config.js';
import { RateLimitGuard } from '../../../src/rate-limit/rate-limit.guard.js';
import { RateLimits } from '../../../src/rate-limit/rate-limits.service.js';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';

// The back-channel logout route is the `backchannel-logout` class of the shared rate
// limiting (RATE_LIMIT_BACKCHANNEL_LOGOUT), counted per provider across the fleet.

const roomy: RateLimitQuota = { points: 1000, windowSeconds: 60 };
const quotas = Object.fromEntries(Object.keys(RATE_LIMIT_CLASSES).map((c) => [c, roomy])) as Record<RateLimitClass, RateLimitQuota>;
const config = { rateLimits: { enabled: true, onStoreFailure: 'local', quotas: { ...quotas, 'backchannel-logout': { points: 3, windowSeconds: 3600 } } }, redis: { keyPrefix: '' } } as unknown as AppConfig;

function guard(): (provider: string) => Promise<boolean> {
  const rateLimitGuard = new RateLimitGuard(new Reflector(), new RateLimits(config, new MemoryKvStore()));
  return (provider) =>
    rateLimitGuard.canActivate({
      getHandler: () => BackchannelLogoutController.prototype.backchannelLogout,
      getClass: () => BackchannelLogoutController,
      switchToHttp: () => ({ getRequest: () => ({ params: { provider }, ip: '203.0.113.9' }), getResponse: () => ({ setHeader: () => undefined }) }),
    } as unknown as ExecutionContext);
}

describe('back-channel logout rate limit (route class backchannel-logout)', () => {
  it('lets the limit through per provider, then answers 429 too_many_requests with Retry-After and the policy', async () => {
    const hit = guard();
    for (let i = 0; i < 3; i++) await expect(hit('oidc')).resolves.toBe(true);
    const refused = await hit('oidc').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: 'too_many_requests', extra: { policy: 'backchannel-logout' } });
    const headers = (refused as { headers: Record<string, string> }).headers;
    expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(Number(headers['Retry-After'])).toBeLessThanOrEqual(3600);
    expect(headers['RateLimit-Policy']).toBe('"backchannel-logout";q=3;w=3600');
    // Another provider has its own budget, whoever calls.
    await expect(hit('other')).resolves.toBe(true);
  });

  it('a path id that cannot be a provider id is not counted (the route answers 404 for it)', async () => {
    const hit = guard();
    for (let i = 0; i < 5; i++) await expect(hit('Not A Provider!')).resolves.toBe(true);
  });
});
