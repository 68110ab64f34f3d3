import { loadDotEnvFile } from '../config/env-file.js';
import { loadConfig } from '../config/load-config.js';
import type { TelemetryConfig } from '../config/telemetry.schema.js';

/**
 * The telemetry settings, read before any of the app's modules load (the preload, and
 * npm start's choice between its bundle and the module tree). Undefined when the
 * configuration is invalid: main.js reports that with the variable names.
 */
export function telemetryAtStart(): TelemetryConfig | undefined {
  try {
    // OTEL_* may be set in .env only: read it before the config (main.ts reads it again, a no-op then).
    loadDotEnvFile();
    return loadConfig(process.env).telemetry;
  } catch {
    return undefined;
  }
}
