import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, so a test can make that
 * service "go down" (refuse and cut connections) and "come back" without
 * touching the shared server other suites use.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(port = this.port): Promise<number> {
    // Already up (e.g. a test restored it before afterAll does): a second server would replace, and leak, this one.
    if (this.server?.listening) return this.port;
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    const server = this.server;
    if (port !== 0) {
      await listen(server, port);
    } else {
      // First start: a port outside the kernel's ephemeral range, so no outgoing connection
      // (and no client reconnecting to this very address) can hold it while the proxy is cut.
      for (let attempt = 0; ; attempt++) {
        const candidate = 20_000 + Math.floor(Math.random() * 12_000);
        try {
          await listen(server, candidate);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
        }
      }
    }
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  /** Cuts every connection and stops listening: to the client it looks like the service died. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
