import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { RelayAllowlist } from '../../../src/relay/relay-allowlist.js';

const allowlist = new RelayAllowlist('bj', [
  { methods: ['GET'], path: '/v1/user/{user_id}' },
  { methods: ['PUT'], path: '/v1/user/{user_id}' },
  { methods: ['GET', 'POST'], path: '/v1/user/{user_id}/scheduled_meeting' },
  { methods: ['DELETE'], path: '/v1/items/' },
]);

function failure(method: string, segments: string[]): DomainError {
  try {
    allowlist.match(method, segments);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('relay allowlist (SECURITY.md Relay 15)', () => {
  it('matches templates and returns the template (not the raw path)', () => {
    expect(allowlist.match('GET', ['v1', 'user', '42'])).toEqual({ template: '/v1/user/{user_id}' });
    expect(allowlist.match('put', ['v1', 'user', 'a-b_c.d~e'])).toEqual({ template: '/v1/user/{user_id}' });
    expect(allowlist.match('POST', ['v1', 'user', '7', 'scheduled_meeting'])).toEqual({ template: '/v1/user/{user_id}/scheduled_meeting' });
    expect(allowlist.match('DELETE', ['v1', 'items', ''])).toEqual({ template: '/v1/items/' });
  });

  it('allows HEAD wherever GET is', () => {
    expect(allowlist.match('HEAD', ['v1', 'user', '42'])).toEqual({ template: '/v1/user/{user_id}' });
  });

  it.each([
    ['unknown path', ['v1', 'admin']],
    ['extra segment', ['v1', 'user', '42', 'secret']],
    ['missing segment', ['v1', 'user']],
    ['param with a space', ['v1', 'user', '4 2']],
    ['param with a colon', ['v1', 'user', 'http:']],
    ['param that is ..', ['v1', 'user', '..']],
    ['empty param', ['v1', 'user', '']],
    ['literal case differs', ['V1', 'user', '42']],
    ['trailing slash not in the template', ['v1', 'user', '42', '']],
  ])('%s -> 404 relay_route_not_allowed', (_name, segments) => {
    const error = failure('GET', segments);
    expect([error.status, error.code]).toEqual([404, 'relay_route_not_allowed']);
  });

  it('a known path with a wrong method -> 405 method_not_allowed with the Allow header', () => {
    const error = failure('DELETE', ['v1', 'user', '42']);
    expect([error.status, error.code]).toEqual([405, 'method_not_allowed']);
    expect(error.headers.Allow).toBe('GET, HEAD, PUT');
    expect(failure('PATCH', ['v1', 'items', '']).headers.Allow).toBe('DELETE');
  });
});
