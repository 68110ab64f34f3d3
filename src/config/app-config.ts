import { type ParsedEnv } from './config.schema.js';
import type { TelemetryConfig } from './telemetry.schema.js';
import type { RateLimitSettings } from './rate-limit-config.js';

/** The validated, typed configuration every module reads instead of process.env. */
export interface AppConfig {
  env: ParsedEnv['NODE_ENV'];
  isProduction: boolean;
  http: {
    host: string;
    port: number;
    publicUrl: string;
    corsOrigins: string[];
    trustProxy: boolean | number | string;
    bodyLimit: string;
    /** BODY_LIMIT in bytes (1 kb = 1024 b, as body-parser counts). */
    bodyLimitBytes: number;
    /** JSON_MAX_DEPTH: bodies nested deeper are refused before parsing. */
    jsonMaxDepth: number;
    shutdownGraceMs: number;
    /** SHUTDOWN_READINESS_DRAIN_MS: readiness red, listener still open, after SIGTERM. */
    shutdownReadinessDrainMs: number;
  };
  /** relaySampleRate: share of successful relayed calls that get an access-log line (errors always do). */
  log: { level: ParsedEnv['LOG_LEVEL']; pretty: boolean; relaySampleRate: number };
  database: {
    url?: string;
    schema: string;
    connectTimeoutMs: number;
    poolMax: number;
    statementTimeoutMs: number;
    idleTimeoutMs: number;
    migrationsRun: boolean;
    dataDir: string;
    embedded: boolean;
  };
  redis: {
    url?: string;
    mode: ParsedEnv['REDIS_MODE'];
    sentinels: { host: string; port: number }[];
    sentinelName: string;
    clusterNodes: { host: string; port: number }[];
    keyPrefix: string;
    connectTimeoutMs: number;
    embedded: boolean;
  };
  tokens: {
    /** Key ring parsed from TOKEN_KEYS; undefined means "generate one into DATA_DIR" (dev only). */
    keys?: { kid: string; key: Buffer }[];
    dataDir: string;
  };
  refresh: {
    /** Refresh ahead of expiry by this much (TOKEN_REFRESH_SKEW_SECONDS). */
    skewSeconds: number;
    /** TTL of the fleet-wide refresh lock (REFRESH_LOCK_TTL_MS); above the upstream timeout. */
    lockTtlMs: number;
    /** In-memory access-token cache: entries (TOKEN_CACHE_MAX_ENTRIES) and longest life in ms (TOKEN_CACHE_MAX_AGE_SECONDS). */
    tokenCacheMaxEntries: number;
    tokenCacheMaxAgeMs: number;
  };
  /** Per-provider circuit breaker for upstream calls. */
  breaker: { failureThreshold: number; cooldownMs: number };
  providersFile?: string;
  /** Reads a secret named by reference (e.g. a providers file's clientSecretEnv); undefined when unset or empty. */
  secretFromEnv(name: string): string | undefined;
  sessions: {
    idleSeconds: number;
    absoluteSeconds: number;
    nativeIdleSeconds: number;
    nativeAbsoluteSeconds: number;
    loginTransactionSeconds: number;
    cookieSecure: boolean;
    /** PUBLIC_URL's origin plus APP_ORIGINS. */
    appOrigins: string[];
    opsSubjects: string[];
    /** LOGIN_ERROR_URL: where failed browser logins go instead of their returnTo. */
    loginErrorUrl?: string;
    /** The relay's in-memory session cache: longest life in ms (SESSION_CACHE_MAX_AGE_MS) and entries (SESSION_CACHE_MAX_ENTRIES). */
    cacheMaxAgeMs: number;
    cacheMaxEntries: number;
  };
  relay: {
    maxBodyBytes: number;
    maxResponseBytes: number;
    timeoutMs: number;
    connectTimeoutMs: number;
    /** Request bodies up to this size are kept so a 401-triggered retry can resend them. */
    replayBufferBytes: number;
    /** Lower-case header names never sent upstream, beyond the built-in list. */
    stripHeaders: string[];
  };
  native: {
    /** NATIVE_REDIRECT_URIS: exact-match list for the native-app hand-off redirect. */
    redirectUris: string[];
  };
  grants: {
    passwordMaxAttemptsPerIp: number;
    passwordMaxAttemptsPerUser: number;
    passwordWindowSeconds: number;
    tokenInfoCacheSeconds: number;
    appTokenRefreshMarginSeconds: number;
  };
  usage: {
    metering: {
      enabled: boolean;
      /** Events kept in memory while waiting for a flush; beyond it new events are dropped (counted). */
      bufferMaxEvents: number;
      flushIntervalMs: number;
      /** Rows per multi-row insert; reaching it also triggers a flush. */
      flushBatchSize: number;
      retentionDays: number;
      dailyRetentionDays: number;
      purgeIntervalMs: number;
    };
    upstream: {
      /** Lifetime of a query resource and of its cached result. */
      queryTtlSeconds: number;
      /** Retry-After sent with a Running (202) answer. */
      pollRetryAfterSeconds: number;
    };
  };
  /** Clients module caches (0 = no caching). */
  clients: { cacheSeconds: number; scopesCacheSeconds: number };
  /** Per route class request limits (RATE_LIMIT_*). */
  rateLimits: RateLimitSettings;
  sandbox: {
    enabled: boolean;
    host: string;
    port: number;
    publicUrl: string;
    control: boolean;
    seedFile?: string;
  };
  telemetry: TelemetryConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
