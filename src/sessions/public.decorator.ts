import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'sessions:isPublic';

/**
 * Opts a controller or route out of the global session requirement. The session
 * guard still attaches `req.auth` when a valid session is presented (the login
 * callback links accounts to the signed-in user), and the CSRF guard still checks
 * state-changing requests that carry a session cookie.
 */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC_KEY, true);
