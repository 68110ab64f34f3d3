#!/usr/bin/env node
// Compiles src/ into dist/ with the TypeScript compiler and the @nestjs/swagger CLI
// plugin (the options in nest-cli.json), which is what `nest build` did, without the
// Nest CLI and its Angular toolchain (whose engines refuse Node 20).
//
//   node scripts/build.mjs              always build
//   node scripts/build.mjs --if-stale   reuse dist/ when nothing that feeds it changed
//   --when-compiler-installed           (npm's `prepare`, run by `npm ci`) skip quietly when
//                                        TypeScript is absent, as in `npm ci --omit=dev`
//
// "Changed" is judged by a hash of the sources, the tsconfig files, nest-cli.json,
// package-lock.json and this script, stored in dist/.build-fingerprint with each input's
// mtime and size. When no input's mtime or size moved (and none came or went) the check
// reads no file content: a few milliseconds, so every `npm start` can afford it. When
// some did, the hash decides (a touched but unchanged file does not rebuild).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const stampFile = join(outDir, '.build-fingerprint');
// node_modules/.package-lock.json changes with every install: dist/bundle/ holds copies of
// the bundled packages, so an install that changes one (without touching the lock file,
// e.g. `npm link` or a patched package) must rebuild it too.
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json', 'node_modules/.package-lock.json', 'scripts/build.mjs', 'scripts/bundle.mjs'];
const ASSETS = [{ from: 'src/sandbox/oidc', to: 'dist/sandbox/oidc', suffix: '.mjs' }];

function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

function inputFiles() {
  return [...inputs.filter((file) => existsSync(join(root, file))), ...filesUnder('src')].sort();
}

/** mtime and size per input: equal lists mean nothing changed, without reading a byte. */
function statsOf(files) {
  return Object.fromEntries(files.map((file) => {
    const stat = statSync(join(root, file));
    return [file, [stat.mtimeMs, stat.size]];
  }));
}

export function fingerprint(files = inputFiles()) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return typeof stamp?.hash === 'string' && stamp.files && typeof stamp.files === 'object' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

function sameStats(a, b) {
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((file) => a[file]?.[0] === b[file][0] && a[file]?.[1] === b[file][1]);
}

/**
 * Whether dist/ was built from the current inputs. Only when a stat moved does it hash
 * the contents; an unchanged hash then refreshes the recorded stats (the next check is fast again).
 */
export function distIsFresh() {
  const stamp = readStamp();
  if (!stamp) return false;
  // A build always writes the bundle npm start runs; without it dist/ is incomplete.
  if (!existsSync(join(outDir, 'bundle', 'main.mjs'))) return false;
  const files = inputFiles();
  const stats = statsOf(files);
  if (sameStats(stamp.files, stats)) return true;
  if (fingerprint(files) !== stamp.hash) return false;
  writeStamp(stamp.hash, stats);
  return true;
}

function writeStamp(hash, files) {
  writeFileSync(stampFile, JSON.stringify({ hash, files }));
}

/** What dist/ is about to be built from. Stats before the hash: an edit made meanwhile leaves the stamp stale. */
export function snapshotInputs() {
  const files = inputFiles();
  const stats = statsOf(files);
  return { hash: fingerprint(files), stats };
}

export function recordSnapshot(snapshot) {
  writeStamp(snapshot.hash, snapshot.stats);
}

function compile() {
  const require = createRequire(import.meta.url);
  const ts = require('typescript');
  const swaggerPlugin = require('@nestjs/swagger/plugin');
  const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
  const pluginOptions = nestCli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger').options;

  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, host);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length) fail(diagnostics);
  const result = program.emit(undefined, undefined, undefined, false, { before: [swaggerPlugin.before(pluginOptions, program)] });
  if (result.emitSkipped) fail(result.diagnostics);

  function fail(list) {
    const format = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    console.error(ts.formatDiagnosticsWithColorAndContext(list, format));
    process.exit(1);
  }
}

function copyAssets() {
  for (const asset of ASSETS) {
    cpSync(join(root, asset.from), join(root, asset.to), { recursive: true, filter: (src) => !src.includes('.') || src.endsWith(asset.suffix) });
  }
}

function compilerInstalled() {
  try {
    createRequire(import.meta.url).resolve('typescript');
    return true;
  } catch {
    return false;
  }
}

/** Compiles src/ into a fresh dist/, bundles it for `npm start`, and records what it was built from. */
export async function build() {
  const started = Date.now();
  const snapshot = snapshotInputs();
  rmSync(outDir, { recursive: true, force: true });
  compile();
  copyAssets();
  await bundle();
  recordSnapshot(snapshot);
  console.error(`build: compiled src/ into dist/ (and dist/bundle/) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds unless dist/ is fresh; `quiet` says nothing when it is (npm start's launcher). */
export async function buildIfStale({ quiet = false } = {}) {
  if (distIsFresh()) {
    if (!quiet) console.error('build: dist/ is up to date with src/ (reused)');
    return;
  }
  await build();
}

async function main() {
  if (process.argv.includes('--when-compiler-installed') && !compilerInstalled()) {
    console.error('build: skipped (TypeScript is not installed: production-only install)');
    return;
  }
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else await build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
