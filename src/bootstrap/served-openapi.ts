import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { readSessionCredential } from '../sessions/session-request.js';
import { SessionService } from '../sessions/session.service.js';
import type { SessionRecord } from '../sessions/session.types.js';
import { withRelayTemplateOperations, type RelayProviderView } from './relay-template-operations.js';

export interface ServedOpenApi {
  /**
   * Builds the spec (scanning every controller and DTO costs about a second of CPU), so
   * it runs at the first request for it, not at boot; Swagger UI keeps the result.
   */
  document(): OpenAPIObject;
  /** Per request: the description names who is signed in (Swagger UI renders it at the top). */
  patchDocumentOnRequest<TRequest = unknown, TResponse = unknown>(req: TRequest, res: TResponse, document: OpenAPIObject): Promise<OpenAPIObject>;
}

function loginLinks(providers: RelayProviderView[]): string {
  return providers.map((p) => `[${p.displayName}](/v1/auth/${encodeURIComponent(p.id)}/login?returnTo=/docs)`).join(' · ');
}

function whoIsSignedIn(session: SessionRecord | null | undefined): string {
  if (session === undefined) return '**Signed in:** unknown (the session store did not answer).';
  if (!session) return '**Not signed in.** Log in with a provider below; "Try it out" then sends the session cookie and the `X-CSRF` header.';
  const linked = session.providers.length ? session.providers.join(', ') : 'none';
  const roles = session.roles.length ? session.roles.join(', ') : 'none';
  return `**Signed in:** user \`${session.userId}\` (linked: ${linked}; roles: ${roles}; ${session.kind} session until ${new Date(session.absoluteExpiresAt).toISOString()}). [Who am I](/v1/auth/me) · log out with \`POST /v1/auth/logout\`; logging in with another provider links it.`;
}

/**
 * The spec Swagger UI serves, which unlike the committed openapi.json depends on the
 * configuration: relay operations per allowlisted template and per-provider login links.
 */
export function servedOpenApi(app: INestApplication, base: () => OpenAPIObject): ServedOpenApi {
  const registry = app.get(ProviderRegistry);
  const providers: RelayProviderView[] = registry.list().map((adapter) => {
    const config = registry.configOf(adapter.id);
    return { id: adapter.id, displayName: config.displayName, allow: config.relay?.allow ?? [] };
  });
  const sessions = app.get(SessionService);
  const cookie = app.get(SessionCookie);
  return {
    document: () => withRelayTemplateOperations(base(), providers),
    // `served` is the built document Swagger UI keeps; each answer is a copy with its own description.
    async patchDocumentOnRequest(req, _res, served) {
      const credential = readSessionCredential(req as Request, cookie);
      const session = credential ? await sessions.resolve(credential.token).catch(() => undefined) : null;
      const description = `${whoIsSignedIn(session)}\n\n**Log in:** ${loginLinks(providers)}\n\n${served.info.description ?? ''}`;
      return { ...served, info: { ...served.info, description } };
    },
  };
}
