import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Like openapi.json itself: the client's generated types must follow the committed spec.
describe('packages/client/src/schema.d.ts', () => {
  it('equals what openapi-typescript generates from openapi.json (run `npm run client:generate`)', () => {
    const check = spawnSync(process.execPath, ['scripts/generate-client.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect([check.status, check.stderr]).toEqual([0, '']);
  });
});
