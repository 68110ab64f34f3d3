import { describe, expect, it, jest } from '@jest/globals';
import type { AppConfig } from '../../../src/config/app-config.js';
import { DomainError } from '../../../src/common/errors/domain-error.js';
import type { AuditService } from '../../../src/audit/audit.service.js';
import type { ProviderRegistry } from '../../../src/providers/provider-registry.js';
import { LoginService } from '../../../src/auth/login/login.service.js';
import { AccountLoginService } from '../../../src/auth/grants/account-login.service.js';
import type { CallbackResult } from '../../../src/auth/passport/callback-result.js';
import type { UpstreamSessionStore } from '../../../src/auth/upstream-logout/upstream-session.store.js';
import type { SessionService } from '../../../src/sessions/session.service.js';
import type { SessionRecord } from '../../../src/sessions/session.types.js';
import type { LinkedAccountsService } from '../../../src/tokens/linked-accounts.service.js';
import type { UsersService } from '../../../src/users/users.service.js';

// "Nothing half-stored when an exchange fails midway": the part the e2e tests cannot
// provoke on demand, a link write failing after the user row was written.

const USER = { id: 'u-new', roles: [], displayName: 'x', email: null };
const EXISTING = { id: 'u-old', roles: [], displayName: 'y', email: null };

function result(linkToUserId?: string): CallbackResult {
  return {
    provider: 'bluejeans',
    tokens: { accessToken: 'access-secret', refreshToken: 'refresh-secret', scopes: ['user_info'] },
    identity: { subject: '1001' },
    transaction: { state: 's', provider: 'bluejeans', codeVerifier: 'v', returnTo: '/app', bindingHash: 'h', createdAt: 0, linkToUserId },
  };
}

function setup(existingLink: { userId: string } | null = null) {
  const users = {
    findById: jest.fn(async (id: string) => (id === EXISTING.id ? { ...EXISTING } : null)),
    create: jest.fn(async () => ({ ...USER })),
    recordLogin: jest.fn(async (user: unknown) => user),
    remove: jest.fn(async (_id: string) => undefined),
  };
  const accounts = {
    findBySubject: jest.fn(async () => existingLink),
    link: jest.fn(async (): Promise<unknown> => {
      throw new DomainError('account_linked_elsewhere', 409, 'taken');
    }),
  };
  const sessions = { create: jest.fn(async (_input: unknown) => ({ token: 't', session: {} })), revokeByToken: jest.fn(async (_token: string) => true) };
  const audit = { record: jest.fn(async (_event: unknown) => undefined) };
  const config = { sessions: { opsSubjects: [] } } as unknown as AppConfig;
  const accountLogin = new AccountLoginService(
    users as unknown as UsersService,
    accounts as unknown as LinkedAccountsService,
    sessions as unknown as SessionService,
    audit as unknown as AuditService,
    config,
  );
  const upstreamSessions = { remember: jest.fn(async () => undefined) } as unknown as UpstreamSessionStore;
  // A provider without revocation: these tests are about what is stored, not about upstream cleanup.
  const registry = { get: () => ({ id: 'calcom', capabilities: { revoke: false } }) };
  const service = new LoginService(accountLogin, sessions as unknown as SessionService, audit as unknown as AuditService, upstreamSessions, registry as unknown as ProviderRegistry);
  return { service, users, accounts, sessions, audit };
}

describe('LoginService: a failed link write leaves nothing behind', () => {
  it('a first login whose link write fails removes the user it just created; no session, no audit of success', async () => {
    const { service, users, sessions, audit } = setup();
    await expect(service.complete(result(), {})).rejects.toMatchObject({ code: 'account_linked_elsewhere' });
    expect(users.create).toHaveBeenCalledTimes(1);
    expect(users.remove).toHaveBeenCalledWith(USER.id);
    expect(sessions.create).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('an existing user is never removed, and the session that started a link is kept', async () => {
    const { service, users, sessions } = setup();
    const current = { token: 'current-token', session: { userId: EXISTING.id, providers: ['phonecom'] } as unknown as SessionRecord };
    await expect(service.complete(result(EXISTING.id), {}, current)).rejects.toMatchObject({ code: 'account_linked_elsewhere' });
    expect(users.remove).not.toHaveBeenCalled();
    expect(sessions.revokeByToken).not.toHaveBeenCalled();
    expect(sessions.create).not.toHaveBeenCalled();
  });

  it('linking an upstream account that belongs to another user is refused before any write', async () => {
    const { service, users, accounts, sessions } = setup({ userId: 'someone-else' });
    const current = { token: 'current-token', session: { userId: EXISTING.id, providers: [] } as unknown as SessionRecord };
    await expect(service.complete(result(EXISTING.id), {}, current)).rejects.toMatchObject({ code: 'account_linked_elsewhere', status: 409 });
    expect(users.recordLogin).not.toHaveBeenCalled();
    expect(accounts.link).not.toHaveBeenCalled();
    expect(sessions.create).not.toHaveBeenCalled();
  });

  it('a session of another user than the one that started the login does not turn it into a link', async () => {
    const { service, accounts, sessions } = setup();
    accounts.link.mockResolvedValue({});
    const current = { token: 'current-token', session: { userId: 'someone-else', providers: ['genesys'] } as unknown as SessionRecord };
    const done = await service.complete(result(EXISTING.id), {}, current);
    expect(done.linked).toBe(false);
    expect(sessions.create).toHaveBeenCalledWith(expect.objectContaining({ userId: USER.id, providers: ['bluejeans'] }));
  });

  it('the audit event names the account, never a token', async () => {
    const { service, accounts, audit } = setup();
    accounts.link.mockResolvedValue({});
    await service.complete(result(), { ip: '127.0.0.1' });
    expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'login', targetId: 'bluejeans:1001' }));
    expect(JSON.stringify(audit.record.mock.calls)).not.toMatch(/secret/);
  });
});
