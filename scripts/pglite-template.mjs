#!/usr/bin/env node
// npm's `prepare` (run by `npm ci`), after the build: creates the embedded database
// template (src/database/embedded-template.ts) so the first `npm start` copies a database
// instead of running initdb. Quietly does nothing without a built dist/ (a production-only install).
import { existsSync } from 'node:fs';

const module = new URL('../dist/database/embedded-template.js', import.meta.url);
if (existsSync(module)) {
  const started = Date.now();
  const { writeEmbeddedTemplate, TEMPLATE_DIR } = await import(module.href);
  const outcome = await writeEmbeddedTemplate();
  if (outcome === 'created') console.error(`pglite-template: created ${TEMPLATE_DIR} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
