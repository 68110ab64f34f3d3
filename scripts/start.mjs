#!/usr/bin/env node
// `npm start`: build dist/ only when src/ changed (a stat of each input, a few
// milliseconds when nothing did), then run the service in this same process. One
// Node process instead of a `prestart` step plus the service saves a process start
// and an npm lifecycle run on every start.
//
// It runs the bundle the build made (dist/bundle/, scripts/bundle.mjs): the code of
// dist/main.js in a few files instead of ~3,000. With tracing on, the instrumentation
// has to hook packages as they load (and the preload's modules must be the app's own),
// so it then runs `--import ./dist/telemetry/preload.js dist/main.js` as the container does.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { buildIfStale } from './build.mjs';

// Node 22.1+ keeps V8's compiled code of every loaded module on disk (in the OS temp
// folder) for the next start; Node 20 has no such cache and skips this.
module.enableCompileCache?.();
await buildIfStale({ quiet: true });
const bundle = (file) => new URL(`../dist/bundle/${file}`, import.meta.url);
const { telemetryAtStart } = existsSync(bundle('main.mjs')) ? await import(bundle('telemetry-at-start.mjs').href) : {};
if (telemetryAtStart && !telemetryAtStart()?.tracesEnabled) {
  await import(bundle('main.mjs').href);
} else {
  await import('../dist/telemetry/preload.js');
  await import('../dist/main.js');
}
