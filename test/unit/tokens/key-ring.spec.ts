import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_KEY_FILE, KeyRing, loadOrCreateKeyFile } from '../../../src/tokens/key-ring.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bff-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: unknown) => void warnings.push(String(message)) } };
}

describe('KeyRing', () => {
  it('makes the first configured key active and looks any key up by kid', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const ring = KeyRing.fromConfig({ keys: [{ kid: 'new', key: a }, { kid: 'old', key: b }], dataDir: tempDir() });
    expect(ring.active).toEqual({ kid: 'new', key: a });
    expect(ring.get('old')).toEqual(b);
    expect(ring.get('missing')).toBeUndefined();
    expect(ring.kids).toEqual(['new', 'old']);
  });

  it.each([
    ['no keys', []],
    ['a short key', [{ kid: 'k', key: randomBytes(16) }]],
    ['a kid with a dot (it would break the envelope)', [{ kid: 'a.b', key: randomBytes(32) }]],
    ['duplicate kids', [{ kid: 'k', key: randomBytes(32) }, { kid: 'k', key: randomBytes(32) }]],
  ])('refuses %s', (_what, keys) => {
    expect(() => new KeyRing(keys)).toThrow(/KeyRing/);
  });
});

describe('generated key file (no TOKEN_KEYS)', () => {
  it('generates one 32-byte key into DATA_DIR with mode 0600 and warns', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const { warnings, logger } = recordingLogger();
    const [key] = loadOrCreateKeyFile(dir, logger);
    expect(key.kid).toMatch(/^local-[0-9a-f]{8}$/);
    expect(key.key).toHaveLength(32);

    const path = join(dir, GENERATED_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(readFileSync(path, 'utf8'));
    expect(onDisk).toEqual({ keys: [{ kid: key.kid, key: key.key.toString('base64') }] });
    expect(warnings).toEqual([expect.stringMatching(/TOKEN_KEYS is not set: generated/)]);
    expect(warnings[0]).not.toContain(key.key.toString('base64'));
  });

  it('reuses the same key on later boots instead of generating a new one', () => {
    const dir = tempDir();
    const first = loadOrCreateKeyFile(dir, recordingLogger().logger);
    const { warnings, logger } = recordingLogger();
    const second = KeyRing.fromConfig({ dataDir: dir }, logger as never);
    expect(second.active).toEqual(first[0]);
    expect(warnings).toEqual([expect.stringMatching(/using the generated token key/)]);
  });

  it('refuses a corrupt key file rather than overwriting it (that would lose every token)', () => {
    const dir = tempDir();
    const path = join(dir, GENERATED_KEY_FILE);
    writeFileSync(path, '{"keys": [', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(dir, recordingLogger().logger)).toThrow(/not valid JSON/);
    expect(readFileSync(path, 'utf8')).toBe('{"keys": [');
  });
});
