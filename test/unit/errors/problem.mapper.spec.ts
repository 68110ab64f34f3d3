import { describe, expect, it } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DependencyUnavailableError, DomainError } from '../../../src/common/errors/domain-error.js';
import { toProblem } from '../../../src/common/errors/problem.mapper.js';

describe('toProblem', () => {
  it('maps a domain error with its code, status, extras and headers', () => {
    const mapped = toProblem(new DomainError('provider_unknown', 404, 'No provider "x".', { provider: 'x' }), 'req-1');
    expect(mapped).toEqual({
      problem: {
        type: 'https://oauth-bff.dev/problems/provider-unknown',
        title: 'Not Found',
        status: 404,
        detail: 'No provider "x".',
        code: 'provider_unknown',
        requestId: 'req-1',
        provider: 'x',
      },
      headers: {},
      unexpected: false,
    });
    expect(toProblem(new DependencyUnavailableError('redis', 7), 'r').headers).toEqual({ 'Retry-After': '7' });
  });

  it('an unknown error is a bare 500 that leaks nothing and is flagged for the log', () => {
    const mapped = toProblem(new Error('password=hunter2 at db.ts:42'), 'req-2');
    expect(mapped.unexpected).toBe(true);
    expect(mapped.problem).toMatchObject({ status: 500, code: 'internal_error', requestId: 'req-2' });
    expect(JSON.stringify(mapped.problem)).not.toContain('hunter2');
  });

  it('unwraps body-parser errors Nest wrapped in an HttpException', () => {
    const cause = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    const mapped = toProblem(new BadRequestException('Unexpected token', { cause }), 'r');
    expect(mapped.problem).toMatchObject({ status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' });
  });

  it('validation errors keep the list of offending fields', () => {
    const mapped = toProblem(new BadRequestException({ message: ['name must be a string', 'age must be positive'], errors: [{ field: 'name' }] }), 'r');
    expect(mapped.problem).toMatchObject({ status: 400, code: 'bad_request', detail: 'name must be a string; age must be positive', errors: [{ field: 'name' }] });
  });

  it("Nest's router 404 becomes route_not_found with a path and no query", () => {
    const mapped = toProblem(new NotFoundException('Cannot GET /x?access_token=t'), 'r', { routeMatched: false, method: 'GET', path: '/x' });
    expect(mapped.problem).toMatchObject({ status: 404, code: 'route_not_found', detail: 'No route matches GET /x.' });
  });

  it('a 5xx HttpException is flagged unexpected, a 4xx is not', () => {
    expect(toProblem(new HttpException('boom', 502), 'r').unexpected).toBe(true);
    expect(toProblem(new HttpException('nope', 403), 'r')).toMatchObject({ unexpected: false, problem: { code: 'forbidden' } });
  });
});
