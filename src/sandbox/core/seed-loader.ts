import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SandboxSeed } from './contract.js';
import { DEFAULT_SEED } from '../seed.js';

const providerId = z.enum(['bluejeans', 'genesys', 'calcom', 'phonecom']);

const seedSchema = z.object({
  users: z.array(
    z.object({
      id: z.number().int().positive(),
      username: z.string().min(1),
      password: z.string().min(1),
      displayName: z.string(),
      email: z.string(),
      permissions: z.array(z.string()),
    }),
  ),
  clients: z.array(
    z.object({
      provider: providerId,
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      name: z.string(),
      redirectUris: z.array(z.string()),
      scopes: z.array(z.string()),
      grants: z.array(z.string()),
    }),
  ),
  meetings: z.array(
    z.object({
      meetingNumericId: z.string().regex(/^\d+$/),
      moderatorPasscode: z.string().min(1),
      attendeePasscode: z.string().min(1),
      leaderId: z.number().int().positive(),
    }),
  ),
});

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Validates a seed so a typo in a custom seed file fails at start-up, not mid-flow. */
export function parseSeed(raw: unknown, source = 'seed'): SandboxSeed {
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SeedError(`Invalid sandbox ${source}:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

/** The seed named by config `sandbox.seedFile`, or a copy of the built-in one. */
export async function loadSeed(seedFile?: string): Promise<SandboxSeed> {
  if (!seedFile) return structuredClone(DEFAULT_SEED);
  let text: string;
  try {
    text = await readFile(seedFile, 'utf8');
  } catch (err) {
    throw new SeedError(`Cannot read sandbox seed file ${seedFile}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedError(`Sandbox seed file ${seedFile} is not JSON: ${(err as Error).message}`);
  }
  return parseSeed(json, `seed file ${seedFile}`);
}
