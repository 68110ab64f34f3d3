import { z } from 'zod';
import type { ProviderKind } from '../provider-adapter.js';

/**
 * The providers file, one zod schema per provider kind so that each kind names
 * exactly the endpoints it needs and unknown keys (typos) are refused.
 */

export const PROVIDER_KINDS = ['bluejeans', 'genesys', 'calcom', 'phonecom', 'generic'] as const satisfies readonly ProviderKind[];

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an absolute http(s) URL without credentials or fragment' });

export const providerId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be a url-safe slug: 1-40 lower-case letters, digits or "-", not starting or ending with "-"');

// RFC 6749 scope-token characters: printable ASCII except space, `"` and `\`.
const scope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope token (printable ASCII, no spaces, quotes or backslashes)');

export const RELAY_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

// `/a/{param}/b`: literal segments of unreserved characters (never `.` or `..`) or a whole-segment `{param}`.
const RELAY_TEMPLATE = /^(?:\/(?:\{[A-Za-z_][A-Za-z0-9_]*\}|(?!\.{1,2}(?:\/|$))[A-Za-z0-9_.~-]+))+\/?$/;

const relayRule = z.strictObject({
  methods: z.array(z.string().transform((m) => m.toUpperCase()).pipe(z.enum(RELAY_METHODS, { message: `must be one of ${RELAY_METHODS.join(', ')}` }))).min(1),
  path: z.string().max(512).regex(RELAY_TEMPLATE, 'must be a path template such as /v1/user/{user_id}: segments of A-Z a-z 0-9 _ . ~ - or a whole {param}, no . or .. segments'),
});

/** The relay block (see docs/relay.md): where relayed calls go, which paths and methods, extra headers to drop. */
const relay = z.strictObject({
  baseUrl: httpUrl.refine((v) => !new URL(v).search, { message: 'must not have a query string' }).optional(),
  allow: z.array(relayRule).max(500).default([]),
  stripHeaders: z.array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name').transform((h) => h.toLowerCase())).max(100).default([]),
});

const grants = z
  .strictObject({
    password: z.boolean().default(false),
    meeting: z.boolean().default(false),
    clientCredentials: z.boolean().default(false),
  })
  .default({ password: false, meeting: false, clientCredentials: false });

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be the NAME of an environment variable');

/** How the clients module (docs/clients.md) may manage this provider's OAuth clients. */
const management = z
  .strictObject({
    /** Users with the ops role act with the BFF's client-credentials app token instead of their own (needs grants.clientCredentials). */
    opsAppToken: z.boolean().default(false),
    /** Environment variable holding the RFC 7591 initial access token (generic providers whose registration needs one). */
    initialAccessTokenEnv: envName.optional(),
  })
  .default({ opsAppToken: false });
/**
 * OpenID Connect / OAuth extensions a `generic` provider may use (docs/providers.md
 * "Logout, PAR and DPoP"). Each is used only when the provider also advertises it.
 */
const oidcFeatures = z.strictObject({
  /** Accept logout tokens at /v1/auth/{id}/backchannel-logout (register that URL upstream as backchannel_logout_uri). */
  backchannelLogout: z.boolean().default(false),
  /** Allow `POST /v1/auth/logout?provider={id}&upstream=true` to send the browser to the end_session_endpoint. */
  rpInitiatedLogout: z.boolean().default(true),
  /** Push the authorization parameters (RFC 9126); the browser carries only request_uri. */
  par: z.boolean().default(false),
  /**
   * Sender-constrain the upstream tokens with DPoP (RFC 9449): proofs on the code exchange, the refresh
   * and relayed calls, one key pair per linked account (sealed like the tokens).
   */
  dpop: z.boolean().default(false),
});

const common = {
  id: providerId,
  displayName: z.string().trim().min(1).max(100),
  clientId: z.string().min(1).max(256),
  clientSecretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be the NAME of an environment variable, e.g. BLUEJEANS_CLIENT_SECRET'),
  scopes: z.array(scope).max(50).optional(),
  redirectUri: httpUrl.optional(),
  grants,
  /** Only `false` changes anything: it says explicitly that this upstream cannot do PKCE. */
  pkce: z.boolean().optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  relay: relay.optional(),
  management,
  oidc: oidcFeatures.optional(),
  /** Send W3C `traceparent` to this provider when tracing is on (off: a trace id is not handed to third parties unasked). */
  propagateTraceContext: z.boolean().default(false),
};

const endpointsByKind = {
  bluejeans: z.strictObject({
    apiBaseUrl: httpUrl,
    authorizeUrl: httpUrl.optional(),
    tokenUrl: httpUrl.optional(),
    tokenInfoUrl: httpUrl.optional(),
    revokeUrl: httpUrl.optional(),
  }),
  genesys: z.strictObject({ authorizeUrl: httpUrl, tokenUrl: httpUrl, apiBaseUrl: httpUrl }),
  calcom: z.strictObject({
    apiBaseUrl: httpUrl,
    /** May contain `{clientId}`; defaults to the sandbox's login page `{apiBaseUrl}/v2/oauth/{clientId}/authorize`. */
    authorizeUrl: z.string().refine((v) => isHttpUrl(v.replace('{clientId}', 'x')), { message: 'must be an absolute http(s) URL' }).optional(),
  }),
  phonecom: z.strictObject({ apiBaseUrl: httpUrl, authorizeUrl: httpUrl.optional(), tokenUrl: httpUrl.optional() }),
  generic: z.strictObject({ issuer: httpUrl }),
} satisfies Record<ProviderKind, z.ZodType>;

/** Which non-code grants each kind can do at all; enabling another is a boot error. */
export const GRANTS_BY_KIND: Record<ProviderKind, (keyof z.infer<typeof grants>)[]> = {
  bluejeans: ['password', 'meeting', 'clientCredentials'],
  genesys: ['clientCredentials'],
  calcom: [],
  phonecom: ['password', 'clientCredentials'],
  generic: ['clientCredentials'],
};

function entrySchema<K extends ProviderKind>(kind: K) {
  return z
    .strictObject({ ...common, kind: z.literal(kind), endpoints: endpointsByKind[kind] })
    .superRefine((entry, ctx) => {
      if (entry.oidc && kind !== 'generic') ctx.addIssue({ code: 'custom', path: ['oidc'], message: 'only a generic (OpenID Connect) provider has these features' });
      for (const grant of ['password', 'meeting', 'clientCredentials'] as const) {
        if (entry.grants[grant] && !GRANTS_BY_KIND[kind].includes(grant)) {
          ctx.addIssue({ code: 'custom', path: ['grants', grant], message: `a ${kind} provider cannot do this grant` });
        }
      }
      if (entry.management.opsAppToken && !entry.grants.clientCredentials) {
        ctx.addIssue({ code: 'custom', path: ['management', 'opsAppToken'], message: 'needs grants.clientCredentials: the app token comes from that grant' });
      }
    });
}

export const entrySchemas = {
  bluejeans: entrySchema('bluejeans'),
  genesys: entrySchema('genesys'),
  calcom: entrySchema('calcom'),
  phonecom: entrySchema('phonecom'),
  generic: entrySchema('generic'),
};

export type ProvidersFileEntry = z.output<(typeof entrySchemas)[ProviderKind]>;

export const kindSchema = z.enum(PROVIDER_KINDS, { message: `must be one of ${PROVIDER_KINDS.join(', ')}` });
