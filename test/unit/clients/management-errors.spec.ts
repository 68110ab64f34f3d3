import { describe, expect, it } from '@jest/globals';
import { managementFailure } from '../../../src/clients/authority/management-errors.js';
import { toProblem } from '../../../src/common/errors/problem.mapper.js';

const call = { provider: 'genesys', operation: 'create an OAuth client', permission: 'oauth:client:add' };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers: new Headers(headers) });

function problemOf(status: number, body: unknown, headers: Record<string, string> = {}) {
  return toProblem(managementFailure(call, answer(status, body, headers)), 'req-1');
}

describe('upstream management failures as problem+json', () => {
  it('403 from Genesys names the permission the upstream says is missing', () => {
    const { problem } = problemOf(403, {
      message: 'Unable to perform the requested action. You are missing the following permission(s): [oauth:client:edit, oauth:client:add]',
      code: 'missing.permissions',
      status: 403,
      messageParams: {},
    });
    expect(problem).toMatchObject({ status: 403, code: 'upstream_forbidden', upstreamCode: 'missing.permissions', missingPermissions: ['oauth:client:edit', 'oauth:client:add'], permissionSource: 'upstream' });
    expect(problem.detail).toContain('oauth:client:edit');
  });

  it('403 without a named permission falls back to the permission the call needs', () => {
    const { problem } = problemOf(403, { message: 'Forbidden' });
    expect(problem).toMatchObject({ status: 403, code: 'upstream_forbidden', missingPermissions: ['oauth:client:add'], permissionSource: 'required' });
  });

  it('4xx keep their status with the upstream code and field complaints', () => {
    const { problem } = problemOf(400, { message: 'bad', code: 'bad.request', details: [{ fieldName: 'name', errorCode: 'required' }, { fieldName: 'x\r\ny' }] });
    expect(problem).toMatchObject({ status: 400, code: 'upstream_bad_request', upstreamCode: 'bad.request', errors: [{ field: 'name', code: 'required' }] });
    expect(problemOf(404, { code: 'not.found' }).problem).toMatchObject({ status: 404, code: 'upstream_not_found' });
    expect(problemOf(409, { message: 'dup' }).problem).toMatchObject({ status: 409, code: 'upstream_conflict' });
    expect(problemOf(422, { message: 'no' }).problem).toMatchObject({ status: 422, code: 'upstream_unprocessable' });
  });

  it('RFC 7591 errors carry `error` as the upstream code', () => {
    const { problem } = problemOf(400, { error: 'invalid_redirect_uri', error_description: 'redirect_uris must be https' });
    expect(problem).toMatchObject({ status: 400, code: 'upstream_bad_request', upstreamCode: 'invalid_redirect_uri' });
    expect(problem.detail).toContain('redirect_uris must be https');
  });

  it('429 keeps Retry-After; 5xx become 502', () => {
    const limited = problemOf(429, { message: 'slow down' }, { 'retry-after': '7' });
    expect(limited.problem).toMatchObject({ status: 429, code: 'upstream_rate_limited', retryAfterSeconds: 7 });
    expect(limited.headers['Retry-After']).toBe('7');
    expect(problemOf(503, { message: 'down' }).problem).toMatchObject({ status: 502, code: 'upstream_failed', upstreamStatus: 503 });
  });

  it('never echoes a credential-looking value the upstream sent back', () => {
    const secret = 'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZw';
    const { problem } = problemOf(400, { message: `client_secret ${secret} is invalid\r\nInjected: yes` });
    expect(JSON.stringify(problem)).not.toContain(secret);
    expect(problem.detail).not.toMatch(/[\r\n]/);
  });
});
