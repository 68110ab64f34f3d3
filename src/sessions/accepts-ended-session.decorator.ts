import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_ENDED_SESSION_KEY = 'sessions:acceptsEndedSession';

/**
 * The route also runs for a token whose session was ended because a provider refused our
 * refresh token (every other route answers it 401 reauth_required). `req.auth` is then
 * unset and `req.endedSession` names the provider. For logout, so the user can still sign
 * out and the app's cookie and the session's marker go.
 */
export const AcceptsEndedSession = (): MethodDecorator => SetMetadata(ACCEPTS_ENDED_SESSION_KEY, true);
