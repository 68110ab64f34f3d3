import { spawn, type ChildProcess } from 'node:child_process';

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

/** `npm run demo` as its own process on `host:port`, pointed at `bffUrl`; resolves once it listens. */
export async function startDemoServer(host: string, port: number, bffUrl: string): Promise<DemoServer> {
  const child: ChildProcess = spawn(process.execPath, ['examples/web/serve.mjs'], {
    env: { PATH: process.env.PATH ?? '', DEMO_HOST: host, DEMO_PORT: String(port), DEMO_BFF_URL: bffUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('demo app on') && resolve());
    child.once('exit', (code) => reject(new Error(`demo server exited ${code}: ${stderr}`)));
  });
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
