import { z } from 'zod';
import { telemetryEnv } from './telemetry.schema.js';
import { rateLimitEnv } from './rate-limit-config.js';

// Booleans arrive from the environment as strings; only these spellings count.
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}

// A native app's redirect URI: any absolute URL (custom schemes such as com.example.app:/oauth,
// claimed https links, loopback http), compared byte for byte, so no fragment and no spaces.
const nativeRedirectUri = z.string().refine((v) => protocolOf(v) !== undefined && !v.includes('#') && !/\s/.test(v), {
  message: 'must be an absolute URI without a fragment (e.g. com.example.app:/oauth or https://app.example.com/oauth)',
});

const url = (protocols: string[]) =>
  z.string().refine((v) => protocols.includes(protocolOf(v) ?? ''), {
    message: `must be a URL using one of ${protocols.join(', ')}`,
  });

/**
 * Every environment variable the service reads, in one place. The keys are the
 * variable names so a validation error names exactly what to fix.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(3000, 0, 65535),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool(false),
  CORS_ORIGINS: list.pipe(z.array(url(['http:', 'https:']))),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d{1,2}|[\w.:/, -]+)$/, 'must be false, true, a hop count or a list of addresses')
    .default('false'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
    .default('100kb'),
  // Deepest nesting of objects/arrays a JSON body may have; deeper bodies get 400 json_too_deep before parsing.
  JSON_MAX_DEPTH: int(32, 1, 1_000),
  // Total time from SIGTERM to exit; must cover SHUTDOWN_READINESS_DRAIN_MS + RELAY_TIMEOUT_MS + 1 s (checked at boot).
  SHUTDOWN_GRACE_MS: int(20_000, 2_100, 300_000),
  // After SIGTERM, how long readiness is red while the listener still takes new connections (load balancers catching up).
  SHUTDOWN_READINESS_DRAIN_MS: int(1_000, 0, 60_000),

  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  DATABASE_CONNECT_TIMEOUT_MS: int(5_000, 100, 60_000),
  DATABASE_MIGRATIONS_RUN: bool(true),
  DATABASE_POOL_MAX: int(10, 1, 200),
  // 0 turns the limit off; it also bounds migrations run at start.
  DATABASE_STATEMENT_TIMEOUT_MS: int(10_000, 0, 600_000),
  DATABASE_IDLE_TIMEOUT_MS: int(30_000, 1_000, 3_600_000),
  DATA_DIR: z.string().min(1).default('./.data'),

  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_MODE: z.enum(['standalone', 'sentinel', 'cluster']).default('standalone'),
  REDIS_SENTINELS: list,
  REDIS_SENTINEL_NAME: z.string().default('mymaster'),
  REDIS_CLUSTER_NODES: list,
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits or : . - _')
    .default('bff:'),
  REDIS_CONNECT_TIMEOUT_MS: int(5_000, 100, 60_000),

  ALLOW_EMBEDDED_IN_PRODUCTION: bool(false),

  // Token encryption key ring: "kid:base64key,kid2:base64key2"; the first is active.
  TOKEN_KEYS: z
    .string()
    .regex(/^[\w-]{1,32}:[A-Za-z0-9+/=_-]{43,44}(,[\w-]{1,32}:[A-Za-z0-9+/=_-]{43,44})*$/, 'must be kid:base64(32 bytes)[,kid:base64...]')
    .optional(),
  ALLOW_GENERATED_KEYS_IN_PRODUCTION: bool(false),

  PROVIDERS_FILE: z.string().optional(),

  // Refresh an access token this long before it expires.
  TOKEN_REFRESH_SKEW_SECONDS: int(60, 0, 3_600),
  // Fleet-wide refresh lock; must outlive one upstream refresh (raised per provider to timeoutMs + 5 s if lower).
  REFRESH_LOCK_TTL_MS: int(15_000, 1_000, 300_000),
  // Per-provider circuit breaker: consecutive failures (timeouts, connection errors, 5xx) before it opens, and its cool-down.
  BREAKER_FAILURE_THRESHOLD: int(5, 1, 1_000),
  BREAKER_COOLDOWN_MS: int(10_000, 100, 600_000),

  SESSION_IDLE_SECONDS: int(1_800, 60, 86_400 * 30),
  SESSION_ABSOLUTE_SECONDS: int(43_200, 300, 86_400 * 90),
  NATIVE_SESSION_IDLE_SECONDS: int(86_400 * 14, 60, 86_400 * 90),
  NATIVE_SESSION_ABSOLUTE_SECONDS: int(86_400 * 90, 300, 86_400 * 365),
  LOGIN_TRANSACTION_SECONDS: int(600, 30, 3_600),
  // The relay's in-memory session cache (see SessionCache): longest life of an entry, and how many; 0 disables it.
  SESSION_CACHE_MAX_AGE_MS: int(5_000, 0, 10_000),
  SESSION_CACHE_MAX_ENTRIES: int(20_000, 0, 1_000_000),
  // Allow the session cookie over plain http (local dev only; browsers accept Secure on localhost anyway).
  COOKIE_SECURE: bool(true),
  // Origins (besides PUBLIC_URL) that returnTo may point at and that may send state-changing cookie requests.
  APP_ORIGINS: list.pipe(z.array(url(['http:', 'https:']))),
  // Where a failed browser login or link is sent (with error=<code>&requestId=) instead of its returnTo: a path or a URL on an app origin.
  LOGIN_ERROR_URL: z
    .string()
    .refine((v) => v.startsWith('/') || ['http:', 'https:'].includes(protocolOf(v) ?? ''), { message: 'must be a path or an http(s) URL' })
    .optional(),
  // provider:subject pairs that get the ops role at login.
  OPS_SUBJECTS: list,

  // Relay (`/v1/api/{provider}/...`): body limits, timeouts, replay buffer, extra headers never sent upstream.
  RELAY_MAX_BODY_BYTES: int(1_048_576, 0, 1_073_741_824),
  RELAY_MAX_RESPONSE_BYTES: int(10_485_760, 1, 1_073_741_824),
  RELAY_TIMEOUT_MS: int(15_000, 100, 300_000),
  RELAY_CONNECT_TIMEOUT_MS: int(5_000, 100, 60_000),
  RELAY_REPLAY_BUFFER_BYTES: int(65_536, 0, 16_777_216),
  RELAY_STRIP_HEADERS: list.pipe(z.array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a list of header names'))),
  // Share of successful (status < 400) relayed calls that get an access-log line; errors are always logged.
  RELAY_ACCESS_LOG_SAMPLE_RATE: z.coerce.number().min(0).max(1).optional().default(1),
  // In-memory access-token cache for the relay: entries (one per user and provider) and their longest life.
  TOKEN_CACHE_MAX_ENTRIES: int(100_000, 0, 10_000_000),
  TOKEN_CACHE_MAX_AGE_SECONDS: int(300, 0, 86_400),

  // Native apps (RFC 8252): the exact redirect URIs the hand-off may go to.
  NATIVE_REDIRECT_URIS: list.pipe(z.array(nativeRedirectUri)),
  // Legacy password grant brute-force limits: attempts per client IP and per username in a fixed window.
  PASSWORD_GRANT_MAX_ATTEMPTS_PER_IP: int(20, 1, 10_000),
  PASSWORD_GRANT_MAX_ATTEMPTS_PER_USER: int(5, 1, 1_000),
  PASSWORD_GRANT_WINDOW_SECONDS: int(900, 1, 86_400),
  // How long the provider's view of a token (GET /v1/auth/{provider}/token-info) is cached.
  TOKEN_INFO_CACHE_SECONDS: int(30, 0, 3_600),
  // Client-credentials app tokens are fetched again this long before they expire.
  APP_TOKEN_REFRESH_MARGIN_SECONDS: int(60, 0, 3_600),
  // Clients module: how long client lists and single clients, and the scope catalogues, are cached in Redis.
  CLIENTS_CACHE_SECONDS: int(30, 0, 3_600),
  CLIENT_SCOPES_CACHE_SECONDS: int(300, 0, 86_400),

  // Usage metering of relayed calls (docs/usage.md): buffer cap, flush cadence, retention.
  USAGE_METERING_ENABLED: bool(true),
  USAGE_BUFFER_MAX_EVENTS: int(10_000, 10, 1_000_000),
  USAGE_FLUSH_INTERVAL_MS: int(1_000, 10, 60_000),
  // At most 5000 rows per insert keeps one statement under Postgres's 65535 bind parameters.
  USAGE_FLUSH_BATCH_SIZE: int(500, 1, 5_000),
  USAGE_RETENTION_DAYS: int(30, 1, 3_650),
  USAGE_DAILY_RETENTION_DAYS: int(400, 1, 3_650),
  USAGE_PURGE_INTERVAL_MS: int(3_600_000, 1_000, 86_400_000),
  // Upstream usage queries: how long a query resource (and its cached result) lives, and the Retry-After of a Running answer.
  USAGE_QUERY_TTL_SECONDS: int(3_600, 60, 7 * 86_400),
  USAGE_POLL_RETRY_AFTER_SECONDS: int(2, 1, 300),

  // Rate limits per route class (docs/operations.md).
  ...rateLimitEnv,

  SANDBOX_ENABLED: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: int(4010, 0, 65535),
  SANDBOX_PUBLIC_URL: url(['http:', 'https:']).optional(),
  SANDBOX_CONTROL: bool(false),
  SANDBOX_SEED_FILE: z.string().optional(),

  ...telemetryEnv,
});

export type Env = z.input<typeof envSchema>;
export type ParsedEnv = z.output<typeof envSchema>;
