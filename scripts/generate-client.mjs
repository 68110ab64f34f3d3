#!/usr/bin/env node
// Writes packages/client/src/schema.d.ts from the committed openapi.json with
// openapi-typescript. `--check` exits 1 when the checked-in file is stale (CI runs the
// same comparison as a test: test/unit/client/client-schema.spec.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = join(root, 'packages/client/src/schema.d.ts');
const HEADER = '// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit.\n\n';

export async function generateClientSchema() {
  const spec = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
  return HEADER + astToString(await openapiTS(spec));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = await generateClientSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== generated) {
      console.error('packages/client/src/schema.d.ts is stale: run `npm run client:generate`');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, generated);
    console.error('wrote packages/client/src/schema.d.ts');
  }
}
