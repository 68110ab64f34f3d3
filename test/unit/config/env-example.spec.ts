import { readFileSync } from 'node:fs';
import { loadConfig } from '../../../src/config/load-config.js';
import { envSchema } from '../../../src/config/config.schema.js';

// `.env.example` is the one list a newcomer reads; it must name every variable the schema accepts.
const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('.env.example', () => {
  it('lists every variable of the config schema', () => {
    const missing = Object.keys(envSchema.shape).filter((name) => !listed.has(name));
    expect(missing).toEqual([]);
  });

  it('lists nothing the schema does not know', () => {
    const unknown = [...listed].filter((name) => !(name in envSchema.shape));
    expect(unknown).toEqual([]);
  });

  it('is a valid configuration as written (its uncommented values load)', () => {
    const active = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => loadConfig(active)).not.toThrow();
  });
});
