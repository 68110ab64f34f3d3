import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat counts CPU time in these ticks.

/** Spawns `node script` and resolves with the first JSON line it prints (its address). */
export async function startNode(script, env, { readyLine = true, timeoutMs = 30_000, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  if (!readyLine) {
    // Drained, not read: a full pipe would block the child's logging.
    child.stdout.resume();
    child.once('exit', (code) => code && console.error(`${script} exited ${code}: ${stderr}`));
    return { child, info: {}, stop: () => stop(child) };
  }
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${stderr}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${stderr}`)));
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      for (const line of buffer.split('\n')) {
        if (line.startsWith('{')) {
          try {
            const parsed = JSON.parse(line);
            clearTimeout(timer);
            resolve(parsed);
          } catch {
            /* a log line, not the address */
          }
        }
      }
    });
  });
  return { child, info, stop: () => stop(child) };
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered 200`);
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Current and peak resident set size in MiB. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 };
}
