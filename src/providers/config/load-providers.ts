import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import { ConfigError } from '../../config/load-config.js';
import { defaultProviders } from './default-providers.js';
import { managementSettings, withSecret, type ProviderConfig } from './provider-config.js';
import { entrySchemas, kindSchema, type ProvidersFileEntry } from './providers-file.schema.js';
import { DEFAULT_SCOPES, DEFAULT_TIMEOUT_MS, defaultRedirectUri, resolveEndpoints } from './resolve-provider.js';

type LoaderConfig = Pick<AppConfig, 'providersFile' | 'isProduction' | 'http' | 'sandbox' | 'secretFromEnv'>;

const INLINE_SECRET_KEYS = ['clientSecret', 'client_secret', 'secret'];

/**
 * The providers the service runs with: the providers file when PROVIDERS_FILE is
 * set, otherwise the sandbox defaults (none in production). Throws a ConfigError
 * listing every problem, each naming the provider and the field.
 */
export function loadProviders(config: LoaderConfig): ProviderConfig[] {
  if (!config.providersFile) return config.isProduction ? [] : defaultProviders(config);
  return parseProvidersDocument(readDocument(config.providersFile), config);
}

function readDocument(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`PROVIDERS_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  try {
    // YAML is a superset of JSON, but a .json file gets JSON's stricter parser.
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError([`PROVIDERS_FILE: ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Validates an already-parsed providers document (`{ providers: [...] }`). */
export function parseProvidersDocument(document: unknown, config: Omit<LoaderConfig, 'providersFile' | 'isProduction'>): ProviderConfig[] {
  const raw = (document as { providers?: unknown } | null)?.providers;
  const extraKeys = document && typeof document === 'object' ? Object.keys(document).filter((k) => k !== 'providers') : [];
  if (!Array.isArray(raw)) throw new ConfigError(['providers: the file must be an object with a "providers" list']);
  const problems = extraKeys.map((k) => `${k}: unknown top-level key (only "providers" is allowed)`);
  const entries: ProvidersFileEntry[] = [];
  raw.forEach((item: unknown, index) => {
    const checked = checkEntry(item, index);
    if ('problems' in checked) problems.push(...checked.problems);
    else entries.push(checked.entry);
  });
  problems.push(...duplicateIds(entries));
  const resolved = entries.map((entry) => resolve(entry, config, problems));
  if (problems.length) throw new ConfigError(problems);
  return resolved;
}

function label(item: unknown, index: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? `providers[${index}] ("${id.slice(0, 40)}")` : `providers[${index}]`;
}

function checkEntry(item: unknown, index: number): { entry: ProvidersFileEntry } | { problems: string[] } {
  const where = label(item, index);
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { problems: [`${where}: must be an object`] };
  const problems: string[] = [];
  const rest: Record<string, unknown> = { ...item };
  for (const key of INLINE_SECRET_KEYS) {
    if (key in rest) {
      problems.push(`${where}.${key}: inline secrets are not allowed; put the secret in an environment variable and name it in clientSecretEnv`);
      delete rest[key];
    }
  }
  const kind = kindSchema.safeParse(rest.kind);
  if (!kind.success) return { problems: [...problems, `${where}.kind: must be one of bluejeans, genesys, calcom, phonecom, generic`] };
  const parsed = entrySchemas[kind.data].safeParse(rest);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${where}${pathOf(issue)}: ${messageOf(issue)}`));
  return problems.length || !parsed.success ? { problems } : { entry: parsed.data };
}

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function duplicateIds(entries: ProvidersFileEntry[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id)) problems.push(`providers ("${entry.id}").id: duplicate id; ids must be unique`);
    seen.add(entry.id);
  }
  return problems;
}

function resolve(entry: ProvidersFileEntry, config: Omit<LoaderConfig, 'providersFile' | 'isProduction'>, problems: string[]): ProviderConfig {
  const secret = config.secretFromEnv(entry.clientSecretEnv);
  if (secret === undefined) {
    problems.push(`providers ("${entry.id}").clientSecretEnv: environment variable ${entry.clientSecretEnv} is not set (it must hold the client secret)`);
  }
  const initialAccessTokenEnv = entry.management.initialAccessTokenEnv;
  const initialAccessToken = initialAccessTokenEnv ? config.secretFromEnv(initialAccessTokenEnv) : undefined;
  if (initialAccessTokenEnv && initialAccessToken === undefined) {
    problems.push(`providers ("${entry.id}").management.initialAccessTokenEnv: environment variable ${initialAccessTokenEnv} is not set`);
  }
  return withSecret(
    {
      id: entry.id,
      kind: entry.kind,
      displayName: entry.displayName,
      endpoints: resolveEndpoints(entry.kind, entry.endpoints, entry.clientId),
      clientId: entry.clientId,
      clientSecretEnv: entry.clientSecretEnv,
      scopes: entry.scopes ?? DEFAULT_SCOPES[entry.kind],
      redirectUri: entry.redirectUri ?? defaultRedirectUri(config.http.publicUrl, entry.id),
      grants: entry.grants,
      pkce: entry.pkce ?? true,
      timeoutMs: entry.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      relay: entry.relay,
      management: managementSettings({ opsAppToken: entry.management.opsAppToken, initialAccessTokenEnv }, initialAccessToken),
      ...(entry.oidc ? { oidc: entry.oidc } : {}),
      propagateTraceContext: entry.propagateTraceContext,
    },
    secret ?? '',
  );
}
