import type { AppConfig } from '../../config/app-config.js';

/** What TokenRefreshService needs from config, plus a clock tests can move. */
export interface RefreshSettings {
  skewSeconds: number;
  /** Fleet lock TTL; raised per provider to its upstream timeout + 5 s when lower. */
  lockTtlMs: number;
  /** How often a waiter re-reads the row while another instance refreshes (plus jitter). */
  pollMs: number;
  /** How long a looked-up access token is reused in memory at most (see HotTokenCache); 0 disables it. */
  hotCacheMs: number;
  /** How many users' tokens the cache holds (TOKEN_CACHE_MAX_ENTRIES). */
  hotCacheEntries?: number;
  now: () => number;
}

export const REFRESH_SETTINGS = Symbol('REFRESH_SETTINGS');

export function refreshSettingsFrom(config: AppConfig): RefreshSettings {
  return {
    skewSeconds: config.refresh.skewSeconds,
    lockTtlMs: config.refresh.lockTtlMs,
    pollMs: 25,
    hotCacheMs: config.refresh.tokenCacheMaxAgeMs,
    hotCacheEntries: config.refresh.tokenCacheMaxEntries,
    now: Date.now,
  };
}
