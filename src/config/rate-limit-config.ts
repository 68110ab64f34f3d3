import { z } from 'zod';

/**
 * Route classes with their own limit; `ip` classes count per client address, `session` ones
 * per session, `provider` ones per provider id (the route's `:provider`) across the fleet.
 */
export const RATE_LIMIT_CLASSES = {
  login: 'ip',
  'token-exchange': 'ip',
  grants: 'ip',
  relay: 'session',
  management: 'session',
  'backchannel-logout': 'provider',
} as const;

export type RateLimitClass = keyof typeof RATE_LIMIT_CLASSES;

export interface RateLimitQuota {
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export interface RateLimitSettings {
  enabled: boolean;
  /** What happens when Redis cannot count: `local` keeps limiting with per-instance counters, `closed` answers 503. */
  onStoreFailure: 'local' | 'closed';
  quotas: Record<RateLimitClass, RateLimitQuota>;
}

// "<requests>/<seconds>", e.g. 120/60.
const quota = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,7}\/\d{1,6}$/, 'must look like <requests>/<seconds>, e.g. 120/60')
    .default(fallback)
    .transform((v) => {
      const [points, windowSeconds] = v.split('/').map(Number);
      return { points, windowSeconds };
    })
    .refine((q) => q.points >= 1 && q.windowSeconds >= 1, 'requests and seconds must both be at least 1');

/** The variables, spread into envSchema. Defaults: docs/operations.md ("Rate limits"). */
export const rateLimitEnv = {
  RATE_LIMIT_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => v === undefined || ['true', '1', 'yes'].includes(v)),
  RATE_LIMIT_ON_STORE_FAILURE: z.enum(['local', 'closed']).default('local'),
  // Per client IP: login start and callback (a login is two requests).
  RATE_LIMIT_LOGIN: quota('120/60'),
  // Per client IP: native hand-off code exchange.
  RATE_LIMIT_TOKEN_EXCHANGE: quota('60/60'),
  // Per client IP: password and meeting grants (the password grant also keeps its own per-username limit).
  RATE_LIMIT_GRANTS: quota('30/60'),
  // Per session: relayed API calls.
  RATE_LIMIT_RELAY: quota('1200/60'),
  // Per session: management routes (client apps, usage, sessions, admin).
  RATE_LIMIT_MANAGEMENT: quota('300/60'),
  // Per provider, fleet-wide: OIDC back-channel logout posts (server to server, no session or useful client IP).
  RATE_LIMIT_BACKCHANNEL_LOGOUT: quota('600/60'),
};

type RateLimitEnv = { [K in keyof typeof rateLimitEnv]: z.output<(typeof rateLimitEnv)[K]> };

export function rateLimitSettings(env: RateLimitEnv): RateLimitSettings {
  return {
    enabled: env.RATE_LIMIT_ENABLED,
    onStoreFailure: env.RATE_LIMIT_ON_STORE_FAILURE,
    quotas: {
      login: env.RATE_LIMIT_LOGIN,
      'token-exchange': env.RATE_LIMIT_TOKEN_EXCHANGE,
      grants: env.RATE_LIMIT_GRANTS,
      relay: env.RATE_LIMIT_RELAY,
      management: env.RATE_LIMIT_MANAGEMENT,
      'backchannel-logout': env.RATE_LIMIT_BACKCHANNEL_LOGOUT,
    },
  };
}
