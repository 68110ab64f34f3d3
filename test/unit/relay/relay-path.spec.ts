import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { normaliseRelayUrl } from '../../../src/relay/relay-path.js';

function codeOf(url: string): string | undefined {
  try {
    normaliseRelayUrl(url);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? `${error.status} ${error.code}` : 'not a DomainError';
  }
}

describe('relay path normalisation (SECURITY.md Relay 15)', () => {
  it('splits provider, decoded segments, canonical path and the raw query', () => {
    expect(normaliseRelayUrl('/v1/api/bluejeans/v1/user/42/scheduled_meeting?limit=5&q=a%20b')).toEqual({
      provider: 'bluejeans',
      segments: ['v1', 'user', '42', 'scheduled_meeting'],
      path: '/v1/user/42/scheduled_meeting',
      query: 'limit=5&q=a%20b',
    });
  });

  it('matches the prefix case-insensitively like Express routing, and keeps a trailing slash', () => {
    expect(normaliseRelayUrl('/V1/API/calcom/v2/me/')).toMatchObject({ provider: 'calcom', segments: ['v2', 'me', ''], path: '/v2/me/' });
  });

  it('decodes harmless escapes once and re-encodes what goes upstream', () => {
    expect(normaliseRelayUrl('/v1/api/p/a%41/x%20y')).toMatchObject({ segments: ['aA', 'x y'], path: '/aA/x%20y' });
  });

  it.each([
    ['plain ..', '/v1/api/p/v1/../admin'],
    ['plain .', '/v1/api/p/./v1/user'],
    ['trailing ..', '/v1/api/p/v1/..'],
    ['encoded ..', '/v1/api/p/v1/%2e%2e/admin'],
    ['upper-case encoded ..', '/v1/api/p/v1/%2E%2E/admin'],
    ['half-encoded ..', '/v1/api/p/v1/.%2e/admin'],
    ['double-encoded ..', '/v1/api/p/v1/%252e%252e/admin'],
    ['double-encoded anything', '/v1/api/p/v1/%2541'],
    ['servlet ..;', '/v1/api/p/v1/..;/admin'],
    ['backslash', '/v1/api/p/v1\\..\\admin'],
    ['encoded backslash', '/v1/api/p/v1/%5c..%5cadmin'],
    ['encoded slash', '/v1/api/p/v1%2fuser'],
    ['upper-case encoded slash', '/v1/api/p/v1%2Fuser'],
    ['empty segment', '/v1/api/p/v1//user'],
    ['protocol-relative', '/v1/api/p//evil.example/x'],
    ['absolute URL', '/v1/api/p/http://evil.example/x'],
    ['scheme without slashes', '/v1/api/p/https:evil.example'],
    ['encoded NUL', '/v1/api/p/v1/user%00'],
    ['encoded control', '/v1/api/p/v1/user%1b'],
    ['raw space', '/v1/api/p/v1/us er'],
    ['malformed escape', '/v1/api/p/v1/%zz'],
    ['truncated escape', '/v1/api/p/v1/%e'],
    ['no path', '/v1/api/p'],
    ['root path', '/v1/api/p/'],
    ['not the relay prefix', 'http://evil.example/v1/api/p/x'],
  ])('%s -> 400 relay_path_invalid', (_name, url) => {
    expect(codeOf(url)).toBe('400 relay_path_invalid');
  });

  it.each([
    ['encoded CRLF in the path', '/v1/api/p/v1/user%0d%0aX-Injected:1'],
    ['encoded LF in the query', '/v1/api/p/v1/user?x=1%0aSet-Cookie:a'],
    ['raw CR', '/v1/api/p/v1/user\r\nX: 1'],
    ['encoded control in the query', '/v1/api/p/v1/user?x=%00'],
    ['raw space in the query', '/v1/api/p/v1/user?x=a b'],
  ])('%s -> 400 relay_header_invalid (SECURITY.md Relay 17)', (_name, url) => {
    expect(codeOf(url)).toBe('400 relay_header_invalid');
  });
});
