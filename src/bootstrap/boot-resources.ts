/**
 * Connections opened while the app is being built. If the boot fails halfway
 * (say Redis is up but Postgres is not), Nest never runs shutdown hooks, so
 * createApp closes what was already opened instead of leaking it.
 */
export class BootResources {
  private readonly closers = new Set<() => Promise<unknown>>();
  private abandoned = false;

  track(close: () => Promise<unknown>): void {
    // Providers are built concurrently: one may finish opening after the boot already failed.
    if (this.abandoned) {
      void close().catch(() => undefined);
      return;
    }
    this.closers.add(close);
  }

  async closeAll(): Promise<void> {
    this.abandoned = true;
    const closers = [...this.closers];
    this.closers.clear();
    await Promise.allSettled(closers.map((close) => close()));
  }
}

export const BOOT_RESOURCES = Symbol('BOOT_RESOURCES');
