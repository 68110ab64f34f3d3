// The registry these machines reach serves only the Linux builds of some
// platform-specific optional packages (e.g. @unrs/resolver-binding-*). npm then
// writes a lock whose optionalDependencies name packages it has no entry for,
// and `npm ci` refuses that lock as "out of sync". This drops such dangling
// optional names so `npm ci` works; run it after changing dependencies.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let pruned = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const nested = `${location}/node_modules/${name}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
      delete entry.optionalDependencies[name];
      pruned++;
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`pruned ${pruned} dangling optional dependencies from package-lock.json`);
