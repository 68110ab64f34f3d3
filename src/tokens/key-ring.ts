import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';

export interface TokenKey {
  kid: string;
  key: Buffer;
}

/** Same shape TOKEN_KEYS enforces; a kid travels inside ciphertexts, so it must not contain '.'. */
const KID_PATTERN = /^[\w-]{1,32}$/;
export const GENERATED_KEY_FILE = 'token-keys.json';

/**
 * The token encryption keys. The first key is active (new ciphertexts use it); every
 * key can decrypt, so rows sealed under an older key keep working until keys:rotate
 * has re-encrypted them and the old key is removed from TOKEN_KEYS.
 */
export class KeyRing {
  private readonly byKid: Map<string, Buffer>;

  constructor(private readonly keys: readonly TokenKey[]) {
    if (keys.length === 0) throw new Error('KeyRing: at least one key is required');
    for (const { kid, key } of keys) {
      if (!KID_PATTERN.test(kid)) throw new Error(`KeyRing: key id "${kid}" must be 1-32 characters of [A-Za-z0-9_-]`);
      if (key.length !== 32) throw new Error(`KeyRing: key "${kid}" must be 32 bytes (AES-256)`);
    }
    this.byKid = new Map(keys.map((k) => [k.kid, k.key]));
    if (this.byKid.size !== keys.length) throw new Error('KeyRing: key ids must be unique');
  }

  /** Builds the ring from config; without TOKEN_KEYS, uses (or creates) the generated key file in DATA_DIR. */
  static fromConfig(config: AppConfig['tokens'], logger = new Logger('TokenKeys')): KeyRing {
    return new KeyRing(config.keys ?? loadOrCreateKeyFile(config.dataDir, logger));
  }

  get active(): TokenKey {
    return this.keys[0];
  }

  get kids(): string[] {
    return this.keys.map((k) => k.kid);
  }

  /** The key for a kid, or undefined when the ring no longer (or never) held it. */
  get(kid: string): Buffer | undefined {
    return this.byKid.get(kid);
  }
}

interface KeyFile {
  keys: { kid: string; key: string }[];
}

/**
 * Dev/embedded fallback: one 32-byte key generated once into DATA_DIR and reused on
 * later boots, so tokens survive restarts. Anyone who can read DATA_DIR can decrypt the
 * tokens, hence the warning (production refuses this unless explicitly allowed in loadConfig).
 */
export function loadOrCreateKeyFile(dataDir: string, logger: Pick<Logger, 'warn'>): TokenKey[] {
  const path = join(resolve(dataDir), GENERATED_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) {
    logger.warn(`TOKEN_KEYS is not set: using the generated token key in ${path} (keep this file private; set TOKEN_KEYS for real deployments)`);
    return existing;
  }
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
  const generated: TokenKey = { kid: `local-${randomBytes(4).toString('hex')}`, key: randomBytes(32) };
  const body: KeyFile = { keys: [{ kid: generated.kid, key: generated.key.toString('base64') }] };
  // Written to a private temp file, then hard-linked into place: link() never overwrites
  // (losing a key file means losing every stored token) and readers never see half a file.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, path);
  } catch (error) {
    // Another process on the same DATA_DIR won the race: use its key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(dataDir, logger);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  logger.warn(`TOKEN_KEYS is not set: generated a token encryption key into ${path} (single instance only; set TOKEN_KEYS for real deployments)`);
  return [generated];
}

function readKeyFile(path: string): TokenKey[] | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A corrupt file is an error, not a reason to generate a new key over it.
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(raw) as KeyFile;
  } catch {
    throw new Error(`Token key file ${path} is not valid JSON`);
  }
  if (!Array.isArray(parsed?.keys) || parsed.keys.length === 0) throw new Error(`Token key file ${path} holds no keys`);
  return parsed.keys.map(({ kid, key }) => ({ kid: String(kid), key: Buffer.from(String(key), 'base64') }));
}
