#!/usr/bin/env node
// `npm run start:dev`: build when stale, run dist/main.js, and on every change under
// src/ rebuild and restart it (what `nest start --watch` did).
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let child;
let timer;

function build() {
  return spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' }).status === 0;
}

function start() {
  child = spawn(process.execPath, [join(root, 'dist/main.js')], { cwd: root, stdio: 'inherit' });
}

function stop() {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function restart() {
  await stop();
  if (build()) start();
  else console.error('start:dev: build failed; waiting for the next change');
}

if (build()) start();
// A burst of saves (an editor writing several files) becomes one rebuild.
watch(join(root, 'src'), { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(() => void restart(), 300);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void stop().then(() => process.exit(0)));
