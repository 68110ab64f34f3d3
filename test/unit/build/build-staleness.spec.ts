import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// scripts/build.mjs --if-stale (npm start, npm test, …) must notice every change to what
// feeds dist/ and otherwise read no source: a copy of the script in a scratch project.
const project = mkdtempSync(join(tmpdir(), 'bff-build-'));
const script = join(project, 'scripts/build.mjs');

function run(code: string): string {
  const module = pathToFileURL(script).href;
  return execFileSync(process.execPath, ['--input-type=module', '-e', `const b = await import(${JSON.stringify(module)}); ${code}`], { encoding: 'utf8' }).trim();
}
const fresh = () => run('console.log(b.distIsFresh())');
const stamp = () => JSON.parse(readFileSync(join(project, 'dist/.build-fingerprint'), 'utf8')) as { hash: string; files: Record<string, [number, number]> };
const later = (file: string) => {
  const when = new Date(Date.now() + 60_000);
  utimesSync(join(project, file), when, when);
};

beforeAll(() => {
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'src/sub'), { recursive: true });
  mkdirSync(join(project, 'dist'));
  copyFileSync(new URL('../../../scripts/build.mjs', import.meta.url), script);
  copyFileSync(new URL('../../../scripts/bundle.mjs', import.meta.url), join(project, 'scripts/bundle.mjs'));
  writeFileSync(join(project, 'tsconfig.json'), '{}');
  writeFileSync(join(project, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(project, 'src/sub/b.ts'), 'export const b = 2;\n');
  mkdirSync(join(project, 'dist/bundle'));
  writeFileSync(join(project, 'dist/bundle/main.mjs'), '');
  run('b.recordSnapshot(b.snapshotInputs())');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('scripts/build.mjs staleness check', () => {
  it('is fresh right after a build', () => {
    expect(fresh()).toBe('true');
  });

  it('stays fresh when a file is touched but not changed, and records the new mtime', () => {
    const before = stamp().files['src/a.ts'][0];
    later('src/a.ts');
    expect(fresh()).toBe('true');
    expect(stamp().files['src/a.ts'][0]).not.toBe(before);
  });

  it('is stale when a source changes (same size), and fresh again when the change is undone', () => {
    const file = join(project, 'src/sub/b.ts');
    writeFileSync(file, 'export const b = 3;\n');
    expect(fresh()).toBe('false');
    writeFileSync(file, 'export const b = 2;\n');
    expect(fresh()).toBe('true');
  });

  it('is stale when a source appears or disappears, or a config file changes', () => {
    writeFileSync(join(project, 'src/c.ts'), 'export const c = 3;\n');
    expect(fresh()).toBe('false');
    rmSync(join(project, 'src/c.ts'));
    expect(fresh()).toBe('true');
    rmSync(join(project, 'src/a.ts'));
    expect(fresh()).toBe('false');
    writeFileSync(join(project, 'src/a.ts'), 'export const a = 1;\n');
    expect(fresh()).toBe('true');
    writeFileSync(join(project, 'tsconfig.json'), '{"compilerOptions":{}}');
    expect(fresh()).toBe('false');
    writeFileSync(join(project, 'tsconfig.json'), '{}');
    expect(fresh()).toBe('true');
  });

  it('is stale when the bundle npm start runs is missing, or the bundle script changed', () => {
    rmSync(join(project, 'dist/bundle/main.mjs'));
    expect(fresh()).toBe('false');
    writeFileSync(join(project, 'dist/bundle/main.mjs'), '');
    expect(fresh()).toBe('true');
    writeFileSync(join(project, 'scripts/bundle.mjs'), `${readFileSync(join(project, 'scripts/bundle.mjs'), 'utf8')}\n// edited\n`);
    expect(fresh()).toBe('false');
  });

  it('is stale without a stamp (a dist/ from an older build script, or none)', () => {
    writeFileSync(join(project, 'dist/.build-fingerprint'), 'deadbeef');
    expect(fresh()).toBe('false');
    rmSync(join(project, 'dist/.build-fingerprint'));
    expect(fresh()).toBe('false');
  });
});
