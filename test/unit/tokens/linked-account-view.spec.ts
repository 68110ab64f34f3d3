import { describe, expect, it } from '@jest/globals';
import { LinkedAccountEntity } from '../../../src/tokens/linked-account.entity.js';
import { toLinkedAccountView } from '../../../src/tokens/linked-account.view.js';

describe('toLinkedAccountView', () => {
  it('exposes the link facts as ISO strings and never a token, ciphertext or key id', () => {
    const account = Object.assign(new LinkedAccountEntity(), {
      id: '11111111-2222-4333-8444-555555555555',
      userId: '99999999-2222-4333-8444-555555555555',
      provider: 'bluejeans',
      subject: 'user-42',
      scopes: ['meeting'],
      grantType: 'meeting_passcode' as const,
      accessTokenCiphertext: 'v1.k1.iv.SECRETCT.tag',
      refreshTokenCiphertext: 'v1.k1.iv.REFRESHCT.tag',
      keyId: 'k1',
      accessExpiresAt: new Date('2030-01-02T03:04:05.000Z'),
      refreshExpiresAt: null,
      status: 'active' as const,
      extra: { meetingId: '123' },
      version: 3,
      createdAt: new Date('2029-12-31T00:00:00.000Z'),
      updatedAt: new Date('2030-01-01T00:00:00.000Z'),
    });
    const view = toLinkedAccountView(account);
    expect(view).toEqual({
      provider: 'bluejeans',
      subject: 'user-42',
      scopes: ['meeting'],
      grantType: 'meeting_passcode',
      status: 'active',
      accessExpiresAt: '2030-01-02T03:04:05.000Z',
      refreshExpiresAt: null,
      linkedAt: '2029-12-31T00:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toMatch(/SECRETCT|REFRESHCT|k1|v1\./);
  });
});
