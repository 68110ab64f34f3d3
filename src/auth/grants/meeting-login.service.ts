import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { UpstreamError } from '../../providers/upstream-error.js';
import type { IssuedSession } from '../../sessions/session.service.js';
import type { RequestFacts } from '../login/request-facts.js';
import { AccountLoginService } from './account-login.service.js';
import { requireGrant } from './grant-availability.js';

export interface MeetingLogin extends IssuedSession {
  meeting: { id: string; isModerator: boolean };
}

const INVALID = 'The meeting id or passcode is incorrect.';

/**
 * BlueJeans meeting grant: a meeting id and passcode give a token scoped to that
 * meeting, as moderator or attendee (the provider decides, by passcode). There is
 * no refresh token, so the session's absolute expiry is the token's.
 *
 * Every meeting login is its own anonymous user: the adapter's subject
 * (`meeting:<id>`) is shared by everyone in the meeting, and one shared link would
 * let an attendee's login overwrite a moderator's token (or the reverse, granting
 * attendees moderator rights). A per-login suffix keeps tokens and sessions apart.
 */
@Injectable()
export class MeetingLoginService {
  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(AccountLoginService) private readonly logins: AccountLoginService,
  ) {}

  async login(provider: string, meetingId: string, passcode: string, facts: RequestFacts): Promise<MeetingLogin> {
    const adapter = this.registry.get(provider);
    requireGrant(adapter, 'meetingGrant', 'meeting grant');
    let tokens;
    try {
      tokens = await adapter.meetingGrant!(meetingId, passcode);
    } catch (error) {
      if (error instanceof UpstreamError && error.failure === 'invalid_grant') throw new DomainError('invalid_meeting_passcode', 401, INVALID);
      throw error;
    }
    const granted = tokens.extra?.meeting as { isModerator?: unknown; meetingNumericId?: unknown } | undefined;
    const meeting = { id: String(granted?.meetingNumericId ?? meetingId), isModerator: granted?.isModerator === true };
    const role = meeting.isModerator ? 'moderator' : 'attendee';
    const identity = await adapter.identity(tokens);
    const subject = `${identity.subject}:${role}:${randomUUID()}`;
    const user = await this.logins.linkUser({
      provider: adapter.id,
      grantType: 'meeting_passcode',
      tokens,
      identity: { subject, displayName: `Meeting ${meeting.id} ${role}` },
    });
    const issued = await this.logins.openSession({
      user,
      providers: [adapter.id],
      kind: 'web',
      facts,
      context: { meeting },
      absoluteExpiresAt: tokens.expiresAt?.getTime(),
      via: 'meeting',
      subject: `${adapter.id}:${subject}`,
    });
    return { ...issued, meeting };
  }
}
