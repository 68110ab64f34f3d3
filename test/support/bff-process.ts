import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

export interface BffProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout (its JSON log lines), when captured. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Another BFF instance as its own OS process (the built `dist/main.js`), so
 * fleet behaviour is tested across processes, not just across objects.
 */
export async function startBffProcess(
  env: Record<string, string>,
  // `script`: what node runs, dist/main.js (the container's entry) unless told, e.g. scripts/start.mjs (npm start).
  opts: { port?: number; readyTimeoutMs?: number; nodeArgs?: string[]; script?: string } = {},
): Promise<BffProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.script ?? 'dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`BFF process exited ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, child, output: () => stdout, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopChild(child);
  throw new Error(`BFF process on ${url} never became ready: ${stderr}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // A process a test SIGKILLed has a signalCode and no exitCode; its 'exit' already fired.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
