// Loaded with `node --import ./dist/telemetry/preload.js dist/main.js` (npm start and
// the container do this): tracing has to be in place before the app's modules load.
// With tracing off (the default) it loads no OpenTelemetry code and changes nothing.
import { loadDotEnvFile } from '../config/env-file.js';
import { loadConfig } from '../config/load-config.js';

function telemetrySettings() {
  try {
    // OTEL_* may be set in .env only: read it before the config (main.ts reads it again, a no-op then).
    loadDotEnvFile();
    return loadConfig(process.env).telemetry;
  } catch {
    // main.js reports configuration errors with their variable names; nothing to trace then.
    return undefined;
  }
}

const telemetry = telemetrySettings();
if (telemetry?.tracesEnabled) {
  const { startTracing } = await import('./start-tracing.js');
  const flush = startTracing(telemetry);
  // On SIGTERM the buffered spans go out at once; spans of the drain that follows are
  // exported on the batch schedule (5 s), so the last few may be lost at exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void flush().catch(() => undefined));
}
