import { createServer, type Socket } from 'node:net';

/**
 * A loopback TCP server that counts the connections it receives and either resets each
 * one at once or holds it open without a byte of answer. Boot-failure tests use it to
 * prove "one attempt, no retry loop" and "the connect timeout governs" by counting and by
 * the error's own words, instead of timing the failure on a machine of unknown speed.
 */
export interface DeadEndServer {
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}

export async function startDeadEndServer(behaviour: 'reset' | 'silent'): Promise<DeadEndServer> {
  const open = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    if (behaviour === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => connections,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
