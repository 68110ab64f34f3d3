import { Logger } from '@nestjs/common';

/** One window per failure kind: the first failure is logged, the rest only counted. */
const WINDOW_MS = 10_000;

interface Window {
  startedAt: number;
  suppressed: number;
  timer?: NodeJS.Timeout;
}

/**
 * Aggregates repeated dependency failures so an outage does not log one line per
 * request (thousands a second under load): per key, the first failure of a window is
 * logged at once and the others are counted into one summary line at the window's end.
 * The next failure after that starts a new window, so a long outage still shows up
 * every WINDOW_MS.
 */
export class RepeatedFailureLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, message: string, fields: Record<string, unknown> = {}): void {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt < this.windowMs) {
      window.suppressed++;
      window.timer ??= setTimeout(() => this.summarise(key, message, fields), window.startedAt + this.windowMs - this.now()).unref();
      return;
    }
    this.windows.set(key, { startedAt: this.now(), suppressed: 0 });
    this.logger.warn({ ...fields, failure: key }, message);
  }

  private summarise(key: string, message: string, fields: Record<string, unknown>): void {
    const window = this.windows.get(key);
    if (!window?.suppressed) return;
    this.logger.warn({ ...fields, failure: key, repeated: window.suppressed, windowMs: this.windowMs }, `${message} (repeated ${window.suppressed} more times)`);
    window.suppressed = 0;
    window.timer = undefined;
  }
}

/** The process-wide aggregator for dependency outages (database, Redis). */
export const dependencyFailureLog = new RepeatedFailureLog(new Logger('Dependencies'));
