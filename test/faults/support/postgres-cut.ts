import { TEST_DATABASE_URL } from '../../support/test-env.js';
import { TcpProxy } from '../../support/tcp-proxy.js';

/**
 * The shared test Postgres behind a loopback proxy this suite can cut: to the BFF
 * behind it the database goes down (pooled connections drop, new ones are refused)
 * and comes back on the same address, while the shared server keeps running.
 */
export class PostgresCut {
  private readonly target = new URL(TEST_DATABASE_URL);
  private readonly proxy = new TcpProxy(this.target.hostname, Number(this.target.port || 5432));

  /** Starts the proxy; `applicationName` tags the BFF's connections in pg_stat_activity. */
  async start(applicationName: string): Promise<string> {
    const port = await this.proxy.start();
    const url = new URL(TEST_DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    url.searchParams.set('application_name', applicationName);
    return url.toString();
  }

  async cut(): Promise<void> {
    await this.proxy.stop();
  }

  /** Listens again on the same port, as a restarted server would. */
  async restore(): Promise<void> {
    await this.proxy.start(this.proxy.port);
  }

  async close(): Promise<void> {
    await this.proxy.stop();
  }
}
