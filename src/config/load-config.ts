import { envSchema, type ParsedEnv } from './config.schema.js';
import { type AppConfig } from './app-config.js';
import { shutdownBudgetProblems } from './shutdown-budget.js';
import { telemetryConfig } from './telemetry.schema.js';
import { rateLimitSettings } from './rate-limit-config.js';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function hostPorts(entries: string[], variable: string): { host: string; port: number }[] {
  return entries.map((entry) => {
    const match = /^([^:]+):(\d{1,5})$/.exec(entry);
    if (!match) throw new ConfigError([`${variable}: "${entry}" is not host:port`]);
    return { host: match[1], port: Number(match[2]) };
  });
}

function parseKeyRing(raw: string): { kid: string; key: Buffer }[] {
  const ring = raw.split(',').map((entry) => {
    const [kid, encoded] = entry.split(':');
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) throw new ConfigError([`TOKEN_KEYS: key "${kid}" must decode to 32 bytes (AES-256), got ${key.length}`]);
    return { kid, key };
  });
  const kids = ring.map((k) => k.kid);
  if (new Set(kids).size !== kids.length) throw new ConfigError(['TOKEN_KEYS: key ids must be unique']);
  return ring;
}

function trustProxy(raw: string): boolean | number | string {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2 };

/** `100kb` → 102400; the schema already allows only digits and b/kb/mb. */
function byteSize(raw: string): number {
  const [, digits, unit] = /^(\d+)(b|kb|mb)$/i.exec(raw)!;
  return Number(digits) * BYTE_UNITS[unit.toLowerCase()];
}

function refuseEmbeddedInProduction(env: ParsedEnv): string[] {
  if (env.NODE_ENV !== 'production' || env.ALLOW_EMBEDDED_IN_PRODUCTION) return [];
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push('DATABASE_URL: required in production (embedded PGlite is single-instance; set ALLOW_EMBEDDED_IN_PRODUCTION=true to accept it)');
  if (!env.TOKEN_KEYS && !env.ALLOW_GENERATED_KEYS_IN_PRODUCTION) problems.push('TOKEN_KEYS: required in production (a generated key lives in DATA_DIR; set ALLOW_GENERATED_KEYS_IN_PRODUCTION=true to accept it)');
  if (!env.REDIS_URL && env.REDIS_MODE === 'standalone') problems.push('REDIS_URL: required in production (the in-process store is single-instance; set ALLOW_EMBEDDED_IN_PRODUCTION=true to accept it)');
  return problems;
}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = [...refuseEmbeddedInProduction(env), ...shutdownBudgetProblems(env.SHUTDOWN_GRACE_MS, env.RELAY_TIMEOUT_MS, env.SHUTDOWN_READINESS_DRAIN_MS)];
  if (problems.length) throw new ConfigError(problems);

  const port = env.PORT;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const sandboxEnabled =
    env.SANDBOX_ENABLED === undefined ? env.NODE_ENV !== 'production' : ['true', '1', 'yes'].includes(env.SANDBOX_ENABLED);
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    http: {
      host: env.HOST,
      port,
      publicUrl,
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: trustProxy(env.TRUST_PROXY),
      bodyLimit: env.BODY_LIMIT,
      bodyLimitBytes: byteSize(env.BODY_LIMIT),
      jsonMaxDepth: env.JSON_MAX_DEPTH,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      shutdownReadinessDrainMs: env.SHUTDOWN_READINESS_DRAIN_MS,
    },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY, relaySampleRate: env.RELAY_ACCESS_LOG_SAMPLE_RATE },
    database: {
      url: env.DATABASE_URL,
      schema: env.DATABASE_SCHEMA,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      poolMax: env.DATABASE_POOL_MAX,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleTimeoutMs: env.DATABASE_IDLE_TIMEOUT_MS,
      migrationsRun: env.DATABASE_MIGRATIONS_RUN,
      dataDir: env.DATA_DIR,
      embedded: !env.DATABASE_URL,
    },
    redis: {
      url: env.REDIS_URL,
      mode: env.REDIS_MODE,
      sentinels: hostPorts(env.REDIS_SENTINELS, 'REDIS_SENTINELS'),
      sentinelName: env.REDIS_SENTINEL_NAME,
      clusterNodes: hostPorts(env.REDIS_CLUSTER_NODES, 'REDIS_CLUSTER_NODES'),
      keyPrefix: env.REDIS_KEY_PREFIX,
      connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS,
      embedded: !env.REDIS_URL && env.REDIS_MODE === 'standalone',
    },
    tokens: { keys: env.TOKEN_KEYS ? parseKeyRing(env.TOKEN_KEYS) : undefined, dataDir: env.DATA_DIR },
    refresh: {
      skewSeconds: env.TOKEN_REFRESH_SKEW_SECONDS,
      lockTtlMs: env.REFRESH_LOCK_TTL_MS,
      tokenCacheMaxEntries: env.TOKEN_CACHE_MAX_ENTRIES,
      tokenCacheMaxAgeMs: env.TOKEN_CACHE_MAX_AGE_SECONDS * 1000,
    },
    breaker: { failureThreshold: env.BREAKER_FAILURE_THRESHOLD, cooldownMs: env.BREAKER_COOLDOWN_MS },
    providersFile: env.PROVIDERS_FILE,
    // A closure over the source loadConfig received, so secrets referenced by name never need process.env elsewhere.
    secretFromEnv: (name: string) => source[name] || undefined,
    sessions: {
      idleSeconds: env.SESSION_IDLE_SECONDS,
      absoluteSeconds: env.SESSION_ABSOLUTE_SECONDS,
      nativeIdleSeconds: env.NATIVE_SESSION_IDLE_SECONDS,
      nativeAbsoluteSeconds: env.NATIVE_SESSION_ABSOLUTE_SECONDS,
      loginTransactionSeconds: env.LOGIN_TRANSACTION_SECONDS,
      cookieSecure: env.COOKIE_SECURE,
      appOrigins: [...new Set([new URL(publicUrl).origin, ...env.APP_ORIGINS.map((o) => new URL(o).origin)])],
      opsSubjects: env.OPS_SUBJECTS,
      loginErrorUrl: env.LOGIN_ERROR_URL,
      cacheMaxAgeMs: env.SESSION_CACHE_MAX_AGE_MS,
      cacheMaxEntries: env.SESSION_CACHE_MAX_ENTRIES,
    },
    relay: {
      maxBodyBytes: env.RELAY_MAX_BODY_BYTES,
      maxResponseBytes: env.RELAY_MAX_RESPONSE_BYTES,
      timeoutMs: env.RELAY_TIMEOUT_MS,
      connectTimeoutMs: env.RELAY_CONNECT_TIMEOUT_MS,
      replayBufferBytes: env.RELAY_REPLAY_BUFFER_BYTES,
      stripHeaders: env.RELAY_STRIP_HEADERS.map((h) => h.toLowerCase()),
    },
    native: { redirectUris: env.NATIVE_REDIRECT_URIS },
    grants: {
      passwordMaxAttemptsPerIp: env.PASSWORD_GRANT_MAX_ATTEMPTS_PER_IP,
      passwordMaxAttemptsPerUser: env.PASSWORD_GRANT_MAX_ATTEMPTS_PER_USER,
      passwordWindowSeconds: env.PASSWORD_GRANT_WINDOW_SECONDS,
      tokenInfoCacheSeconds: env.TOKEN_INFO_CACHE_SECONDS,
      appTokenRefreshMarginSeconds: env.APP_TOKEN_REFRESH_MARGIN_SECONDS,
    },
    usage: {
      metering: {
        enabled: env.USAGE_METERING_ENABLED,
        bufferMaxEvents: env.USAGE_BUFFER_MAX_EVENTS,
        flushIntervalMs: env.USAGE_FLUSH_INTERVAL_MS,
        flushBatchSize: env.USAGE_FLUSH_BATCH_SIZE,
        retentionDays: env.USAGE_RETENTION_DAYS,
        dailyRetentionDays: env.USAGE_DAILY_RETENTION_DAYS,
        purgeIntervalMs: env.USAGE_PURGE_INTERVAL_MS,
      },
      upstream: { queryTtlSeconds: env.USAGE_QUERY_TTL_SECONDS, pollRetryAfterSeconds: env.USAGE_POLL_RETRY_AFTER_SECONDS },
    },
    clients: { cacheSeconds: env.CLIENTS_CACHE_SECONDS, scopesCacheSeconds: env.CLIENT_SCOPES_CACHE_SECONDS },
    rateLimits: rateLimitSettings(env),
    sandbox: {
      enabled: sandboxEnabled,
      host: env.SANDBOX_HOST,
      port: env.SANDBOX_PORT,
      publicUrl: (env.SANDBOX_PUBLIC_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}`).replace(/\/$/, ''),
      control: env.SANDBOX_CONTROL,
      seedFile: env.SANDBOX_SEED_FILE,
    },
    telemetry: telemetryConfig(env),
  };
}
