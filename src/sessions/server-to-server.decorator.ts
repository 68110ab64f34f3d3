import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Public } from './public.decorator.js';

export const IS_SERVER_TO_SERVER_KEY = 'sessions:isServerToServer';

/**
 * For endpoints that another server calls, never a browser (OIDC back-channel logout):
 * public, and both global guards ignore any session cookie or bearer token entirely,
 * so no session is attached and no CSRF check applies. The caller authenticates by
 * what it posts (a signed token), which the route must verify itself.
 */
export const ServerToServer = (): ClassDecorator & MethodDecorator =>
  applyDecorators(Public(), SetMetadata(IS_SERVER_TO_SERVER_KEY, true)) as ClassDecorator & MethodDecorator;
