// Bundles the compiled service (dist/main.js, and the telemetry check npm start makes
// first) into dist/bundle/ with
// rolldown, so that `npm start` loads a handful of files instead of ~3,000 module files
// (on Node 20, with no compile cache, resolving and reading those was over half of a
// restart). It bundles the compiled JavaScript, not the TypeScript sources: the swagger
// plugin's metadata and the decorators' design types are already in it.
//
// Kept out of the bundle (loaded from node_modules as usual):
// - PGlite: it finds its WebAssembly and data files next to its own module.
// - swagger-ui-dist: served as files from its package folder.
// - OpenTelemetry: instrumentation hooks packages as they are loaded, so with tracing on
//   `npm start` runs the unbundled dist/main.js (scripts/start.mjs decides).
// - TypeORM: @nestjs/typeorm reads it through createRequire("typeorm"), which no bundler
//   follows; bundling it would load a second copy next to the bundled one. The same for
//   pg, which TypeORM loads with require() (prepared-query.ts checks its Pool class).
// - pino and its transports: they start worker threads from files next to their own
//   modules (pino-pretty with LOG_PRETTY=true).
// - ioredis: it reads its own package.json (the client's lib-ver) next to its modules.
// - Packages Nest looks for only when installed (microservices, websockets).
// Class names are kept: Nest and TypeORM read them (entity, provider and schema names).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundleDir = join(root, 'dist', 'bundle');

const EXTERNAL = [
  /^@electric-sql\/pglite/,
  /^typeorm(\/|$)/,
  /^pg(\/|$)/,
  /^swagger-ui-dist/,
  /^@opentelemetry\//,
  /^@nestjs\/(microservices|websockets)/,
  /^pino(-[a-z-]+)?(\/|$)/,
  /^thread-stream(\/|$)/,
  /^sonic-boom(\/|$)/,
  /^ioredis(\/|$)/,
];

// CommonJS packages inside an ES module bundle still call require() for Node's builtins
// and the externals above.
const REQUIRE_SHIM = "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);";

/** Writes dist/bundle/{main,telemetry-at-start}.mjs (and their shared chunks) from dist/. */
export async function bundle() {
  const { build } = await import('rolldown');
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    input: { main: join(root, 'dist/main.js'), 'telemetry-at-start': join(root, 'dist/telemetry/telemetry-at-start.js') },
    platform: 'node',
    external: EXTERNAL,
    logLevel: 'silent',
    output: {
      // One folder below dist/, like dist/database/: paths built from import.meta.url
      // (the embedded database's template under node_modules/.cache) resolve the same.
      dir: bundleDir,
      format: 'esm',
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunk-[hash].mjs',
      keepNames: true,
      banner: REQUIRE_SHIM,
    },
  });
}
