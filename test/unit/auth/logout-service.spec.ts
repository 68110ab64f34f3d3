import { describe, expect, it } from '@jest/globals';
import type { AuditService } from '../../../src/audit/audit.service.js';
import { LogoutService } from '../../../src/auth/logout.service.js';
import { DependencyUnavailableError } from '../../../src/common/errors/domain-error.js';
import type { ProviderRegistry } from '../../../src/providers/provider-registry.js';
import type { SessionService } from '../../../src/sessions/session.service.js';
import type { SessionRecord } from '../../../src/sessions/session.types.js';
import type { LinkedAccountEntity } from '../../../src/tokens/linked-account.entity.js';
import type { LinkedAccountsService } from '../../../src/tokens/linked-accounts.service.js';

const session: SessionRecord = { id: 's1', userId: 'u1', kind: 'web', roles: [], providers: ['bluejeans'], createdAt: 0, lastSeenAt: 0, absoluteExpiresAt: Number.MAX_SAFE_INTEGER };
const link = { id: 'a1', userId: 'u1', provider: 'bluejeans', status: 'active' } as LinkedAccountEntity;

/** LogoutService over fakes that write down, in order, what was done. */
function logoutWith(options: { accountsDown?: boolean } = {}) {
  const steps: string[] = [];
  const sessions = {
    list: async () => [],
    revokeByToken: async () => (steps.push('end session'), true),
    revokeAll: async () => (steps.push('end all sessions'), 1),
  } as unknown as SessionService;
  const accounts = {
    findForUser: async () => {
      if (options.accountsDown) throw new DependencyUnavailableError('database');
      return link;
    },
    listForUser: async () => [link],
    readTokens: () => ({ accessToken: 'at' }),
    setStatus: async (_id: string, status: string) => void steps.push(`link ${status}`),
  } as unknown as LinkedAccountsService;
  const registry = { get: () => ({ capabilities: { revoke: true }, revoke: async () => void steps.push('upstream revoke') }) } as unknown as ProviderRegistry;
  const audit = { record: async () => undefined } as unknown as AuditService;
  return { service: new LogoutService(sessions, accounts, registry, audit), steps };
}

describe('LogoutService.logout', () => {
  it('ends the session before it revokes upstream, so a racing call meets no session rather than a revoked link', async () => {
    const { service, steps } = logoutWith();
    expect(await service.logout(session, 'token', false, {})).toBe(1);
    expect(steps).toEqual(['end session', 'upstream revoke', 'link revoked']);
  });

  it('everywhere: all sessions end first, then every linked provider is revoked', async () => {
    const { service, steps } = logoutWith();
    expect(await service.logout(session, 'token', true, {})).toBe(1);
    expect(steps).toEqual(['end all sessions', 'upstream revoke', 'link revoked']);
  });

  it('a database outage during the revocation leaves the link and the logout still succeeds', async () => {
    const { service, steps } = logoutWith({ accountsDown: true });
    expect(await service.logout(session, 'token', false, {})).toBe(1);
    expect(steps).toEqual(['end session']);
  });
});
