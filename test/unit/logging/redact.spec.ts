import { describe, expect, it } from '@jest/globals';
import { redactDeep, redactUrl, REDACTED } from '../../../src/logging/redact.js';

describe('log redaction', () => {
  it('masks credentials at any depth by key name', () => {
    const input = {
      user: 'ada',
      access_token: 'a',
      nested: { refreshToken: 'r', clientSecret: 's', password: 'p', code: 'c', list: [{ Authorization: 'Bearer x' }] },
      headers: { cookie: 'sid=1', 'set-cookie': ['a=b'] },
    };
    expect(redactDeep(input)).toEqual({
      user: 'ada',
      access_token: REDACTED,
      nested: { refreshToken: REDACTED, clientSecret: REDACTED, password: REDACTED, code: REDACTED, list: [{ Authorization: REDACTED }] },
      headers: { cookie: REDACTED, 'set-cookie': REDACTED },
    });
  });

  it('keeps harmless keys that merely contain letters of a sensitive word', () => {
    expect(redactDeep({ statusCode: 200, errorCode: 'x', provider: 'p' })).toEqual({ statusCode: 200, errorCode: 'x', provider: 'p' });
  });

  it('masks sensitive query parameters in URLs and keeps the rest', () => {
    expect(redactUrl('/v1/auth/x/callback?code=abc&state=def&iss=https%3A%2F%2Fi')).toBe(
      `/v1/auth/x/callback?code=${encodeURIComponent(REDACTED)}&state=${encodeURIComponent(REDACTED)}&iss=https%3A%2F%2Fi`,
    );
    expect(redactUrl('/plain/path')).toBe('/plain/path');
  });

  it('leaves class instances to the serializers and keeps error messages', () => {
    const date = new Date(0);
    expect(redactDeep({ at: date })).toEqual({ at: date });
    const redacted = redactDeep({ err: Object.assign(new Error('boom'), { token: 't' }) }) as { err: Record<string, unknown> };
    expect(redacted.err).toMatchObject({ message: 'boom', token: REDACTED });
  });
});

describe('log redaction of error codes and query parameters (issue 15 item 12, item 4)', () => {
  it('keeps errno and SQLSTATE codes, masks OAuth-code-like values under `code`', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });
    expect(redactDeep({ err })).toMatchObject({ err: { code: 'ECONNREFUSED' } });
    expect(redactDeep({ code: 'UND_ERR_CONNECT_TIMEOUT' })).toEqual({ code: 'UND_ERR_CONNECT_TIMEOUT' });
    expect(redactDeep({ code: '57P01' })).toEqual({ code: '57P01' });
    expect(redactDeep({ code: 'SplxlOBeZQQYbYS6WxSbIA' })).toEqual({ code: REDACTED });
    expect(redactDeep({ code: 'a1b2c3-d4e5' })).toEqual({ code: REDACTED });
  });

  it('masks bound query parameters (a failed UPDATE carries token ciphertexts)', () => {
    const err = Object.assign(new Error('terminating connection due to administrator command'), { query: 'UPDATE linked_accounts SET x = $1', parameters: ['v1.k1.aaa.bbb.ccc'], code: '57P01' });
    const line = JSON.stringify(redactDeep({ err }));
    expect(line).not.toContain('v1.k1.aaa');
    expect(line).toContain('57P01');
  });
});
