import type { AppConfig } from '../config/app-config.js';
import type { BootCost } from './boot-cost.js';
import { DEFAULT_SEED } from '../sandbox/seed.js';

/** Where `npm run demo` serves the demo single-page app (examples/web). */
export const DEMO_APP_ORIGIN = 'http://localhost:5173';

export interface BannerFacts {
  config: AppConfig;
  providerIds: string[];
  sandboxUrl?: string;
  envFile?: string;
  boot?: BootCost;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function demoAppLine(config: AppConfig): string {
  const cors = config.http.corsOrigins.includes(DEMO_APP_ORIGIN);
  const returnTo = config.sessions.appOrigins.includes(DEMO_APP_ORIGIN);
  if (cors && returnTo) return `${DEMO_APP_ORIGIN}  (npm run demo)`;
  return `${DEMO_APP_ORIGIN}  (npm run demo; start the BFF with CORS_ORIGINS=${DEMO_APP_ORIGIN} APP_ORIGINS=${DEMO_APP_ORIGIN} so it may call in)`;
}

function embeddedParts(facts: BannerFacts): string[] {
  const { config } = facts;
  const parts: string[] = [];
  if (config.database.embedded) parts.push(`PGlite database in ${config.database.dataDir}`);
  if (config.redis.embedded) parts.push('in-process session store (lost on restart)');
  if (!config.tokens.keys) parts.push(`generated token key in ${config.tokens.dataDir}`);
  if (facts.sandboxUrl) parts.push('sandbox upstream (emulated providers)');
  return parts;
}

/**
 * The one human-readable block printed at boot outside production: where
 * everything is and how to log in. Logs stay JSON lines on stdout; this goes to stderr.
 */
export function bootBanner(facts: BannerFacts): string {
  const { config } = facts;
  const base = config.http.publicUrl;
  const first = facts.providerIds[0];
  const lines = [
    '',
    `  oauth-bff ready (${config.env})${facts.boot ? ` in ${seconds(facts.boot.wallMs)} (${seconds(facts.boot.cpuMs)} CPU)` : ''}`,
    `  BFF          ${base}`,
    `  Swagger UI   ${base}/docs`,
    first ? `  Log in       ${base}/v1/auth/${first}/login?returnTo=/docs` : '  Log in       (no providers configured)',
    `  Providers    ${facts.providerIds.join(', ') || '(none)'}`,
  ];
  if (facts.sandboxUrl) {
    lines.push(`  Sandbox      ${facts.sandboxUrl}`);
    const users = config.sandbox.seedFile ? `from ${config.sandbox.seedFile}` : DEFAULT_SEED.users.map((u) => `${u.username} / ${u.password}`).join(', ');
    lines.push(`  Demo users   ${users}`);
  }
  lines.push(`  Demo app     ${demoAppLine(config)}`);
  const embedded = embeddedParts(facts);
  lines.push(`  Embedded     ${embedded.length ? embedded.join('; ') : 'none (external Postgres and Redis)'}`);
  lines.push(`  Config       ${facts.envFile ? `${facts.envFile} + environment` : 'environment only (no .env file)'}; logs are JSON lines (LOG_PRETTY=true for humans)`);
  lines.push('');
  return lines.join('\n');
}
