import { describe, expect, it } from '@jest/globals';
import { Controller, Post, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadConfig } from '../../../src/config/load-config.js';
import { CsrfGuard } from '../../../src/sessions/csrf.guard.js';
import { ServerToServer } from '../../../src/sessions/server-to-server.decorator.js';
import { SessionCookie } from '../../../src/sessions/session-cookie.js';
import type { AuthenticatedRequest } from '../../../src/sessions/session-request.js';

const config = loadConfig({ NODE_ENV: 'test', SANDBOX_ENABLED: 'false', PUBLIC_URL: 'https://bff.example.test' });
const guard = new CsrfGuard(config, new SessionCookie(config), new Reflector());

@Controller()
class Routes {
  @Post('browser')
  browser(): void {}

  @Post('server')
  @ServerToServer()
  server(): void {}
}

function context(req: Partial<AuthenticatedRequest>, handler: keyof Routes = 'browser'): ExecutionContext {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req }),
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
  } as unknown as ExecutionContext;
}

// The e2e suites cover authenticated routes; these are the @Public cases (no req.auth), which no route of ours has yet.
describe('CsrfGuard on public routes', () => {
  const cookie = { cookie: '__Host-bff_session=whatever' };

  it('a state-changing public request carrying the session cookie must pass the CSRF rule', () => {
    expect(() => guard.canActivate(context({ method: 'POST', headers: cookie }))).toThrow(expect.objectContaining({ status: 403, code: 'csrf_rejected' }));
    const good = { ...cookie, 'x-csrf': '1', origin: 'https://bff.example.test' };
    expect(guard.canActivate(context({ method: 'POST', headers: good }))).toBe(true);
  });

  it('without a session cookie, or with a bearer header, or for GET, there is nothing to check', () => {
    expect(guard.canActivate(context({ method: 'POST', headers: {} }))).toBe(true);
    expect(guard.canActivate(context({ method: 'POST', headers: { ...cookie, authorization: 'Bearer x' } }))).toBe(true);
    expect(guard.canActivate(context({ method: 'GET', headers: cookie }))).toBe(true);
    expect(guard.canActivate(context({ method: 'HEAD', headers: cookie }))).toBe(true);
  });

  it('only a @ServerToServer() route skips the check, even with a session cookie and no X-CSRF', () => {
    expect(guard.canActivate(context({ method: 'POST', headers: cookie }, 'server'))).toBe(true);
    expect(() => guard.canActivate(context({ method: 'POST', headers: cookie }, 'browser'))).toThrow(expect.objectContaining({ code: 'csrf_rejected' }));
  });
});
