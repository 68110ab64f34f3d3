// `node --import ./bench/lib/count-modules.mjs …`: at exit, writes how many module files the
// process loaded and their size on disk, by package, to $BENCH_MODULES_FILE (JSON).
// ES modules are seen through a loader hook, CommonJS ones through require.cache (on
// Node 20 a require() inside CommonJS passes no hook).
import { writeFileSync, statSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

const out = process.env.BENCH_MODULES_FILE;
const seen = new Set();
const { port1, port2 } = new MessageChannel();
register(
  'data:text/javascript,' +
    encodeURIComponent(`let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { if (url.startsWith('file:')) port.postMessage(url); return next(url, context); }`),
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] },
);
port1.on('message', (url) => seen.add(fileURLToPath(url)));
port1.unref();

function packageOf(file) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match ? match[1] : '(the app)';
}

process.on('exit', () => {
  if (!out) return;
  const require = createRequire(import.meta.url);
  const byPackage = {};
  let files = 0;
  let bytes = 0;
  for (const file of new Set([...seen, ...Object.keys(require.cache)])) {
    let size;
    try {
      size = statSync(file).size;
    } catch {
      continue; // a builtin or a vanished file
    }
    files += 1;
    bytes += size;
    const entry = (byPackage[packageOf(file)] ??= { files: 0, bytes: 0 });
    entry.files += 1;
    entry.bytes += size;
  }
  writeFileSync(out, JSON.stringify({ files, bytes, byPackage }));
});
