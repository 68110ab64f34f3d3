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
// package-lock.json and this script, stored in dist/.build-fingerprint, so a restart
// after `npm ci` (which builds through `prepare`) starts in seconds.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const stampFile = join(outDir, '.build-fingerprint');
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json', 'scripts/build.mjs'];
const ASSETS = [{ from: 'src/sandbox/oidc', to: 'dist/sandbox/oidc', suffix: '.mjs' }];

function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

export function fingerprint() {
  const hash = createHash('sha256');
  for (const file of [...inputs, ...filesUnder('src')].sort()) {
    if (!existsSync(join(root, file))) continue;
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
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

function main() {
  if (process.argv.includes('--when-compiler-installed') && !compilerInstalled()) {
    console.error('build: skipped (TypeScript is not installed: production-only install)');
    return;
  }
  const ifStale = process.argv.includes('--if-stale');
  const current = fingerprint();
  if (ifStale && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === current) {
    console.error('build: dist/ is up to date with src/ (reused)');
    return;
  }
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  compile();
  copyAssets();
  writeFileSync(stampFile, current);
  console.error(`build: compiled src/ into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
