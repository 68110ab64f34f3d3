// Loaded with `node --import ./dist/telemetry/preload.js dist/main.js` (the container,
// and npm start with tracing on): tracing has to be in place before the app's modules load.
// With tracing off (the default) it loads no OpenTelemetry code and changes nothing.
import { telemetryAtStart } from './telemetry-at-start.js';

const telemetry = telemetryAtStart();
if (telemetry?.tracesEnabled) {
  const { startTracing } = await import('./start-tracing.js');
  const flush = startTracing(telemetry);
  // On SIGTERM the buffered spans go out at once; spans of the drain that follows are
  // exported on the batch schedule (5 s), so the last few may be lost at exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void flush().catch(() => undefined));
}
