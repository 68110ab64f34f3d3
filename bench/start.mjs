// `npm run bench:start`: how long `npm start` takes to answer /health/ready on embedded
// defaults (PGlite, in-process store, in-process sandbox), first on an empty data folder
// (the first start after `npm ci`: the database is created and migrated) and then for
// restarts; also the service alone (`node scripts/start.mjs`, no npm). Wall times depend
// on how busy the machine is, so each row also has the load average and the CPU time
// the whole process tree used until ready, which a busy machine changes far less; a last
// run counts the module files the service loads. BENCH_START_BASELINE=<another built
// checkout> interleaves the same runs of that checkout and prints the ratios.
// Needs a built dist/ (`npm ci` or `npm run build`); results go to stdout and
// bench/results/start-<time>.json. BENCH_START_RESTARTS (3) restarts of each kind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './lib/stack.mjs';

const root = new URL('..', import.meta.url).pathname;
const RESTARTS = Number(process.env.BENCH_START_RESTARTS ?? 3);
const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks.
const log = (line) => console.error(`[bench:start] ${line}`);

/** CPU seconds of every process in a process group, including children they already reaped (npm's lifecycle shells). */
function groupCpuMs(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return Math.round((ticks * 1000) / CLK_TCK);
}

async function startOnce(label, checkout, command, args, dataDir, extraEnv = {}) {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const load = loadavg()[0];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: checkout,
    detached: true, // its own process group: the CPU sum and the stop cover npm and the service
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label}: exited ${child.exitCode ?? child.signalCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`${label}: not ready after 300 s: ${stderr}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const wallMs = Math.round(performance.now() - started);
  const treeCpuMs = groupCpuMs(child.pid);
  await stopGroup(child);
  const listening = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.bootCpuMs !== undefined);
  const row = { label, load1: Number(load.toFixed(2)), wallMs, treeCpuMs, serviceBootMs: listening?.bootMs, serviceCpuMs: listening?.bootCpuMs };
  log(JSON.stringify(row));
  return row;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* the group has already gone */
  }
}

function stopGroup(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const sec = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

/** One checkout's start commands; a baseline checkout (BENCH_START_BASELINE) runs its own `npm start`. */
function runsOf(name, checkout, dataDir) {
  return {
    first: () => startOnce(`${name}: npm start, empty data folder (first start)`, checkout, 'npm', ['start'], dataDir),
    npmRestart: (i) => startOnce(`${name}: npm start, restart ${i}`, checkout, 'npm', ['start'], dataDir),
    nodeRestart: (i) => startOnce(`${name}: node scripts/start.mjs, restart ${i}`, checkout, process.execPath, ['scripts/start.mjs'], dataDir),
  };
}

async function countModules(checkout, dataDir) {
  const file = join(dataDir, '..', `modules-${Date.now()}.json`);
  const hook = join(root, 'bench/lib/count-modules.mjs');
  // What npm start loads (its bundle, where the checkout has one).
  await startOnce('module count run', checkout, process.execPath, ['--import', hook, 'scripts/start.mjs'], dataDir, { BENCH_MODULES_FILE: file });
  const modules = JSON.parse(readFileSync(file, 'utf8'));
  const heaviest = Object.entries(modules.byPackage).sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 10);
  return { files: modules.files, mib: +(modules.bytes / 2 ** 20).toFixed(1), heaviest: Object.fromEntries(heaviest) };
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'bff-bench-start-'));
  const baseline = process.env.BENCH_START_BASELINE;
  const checkouts = [['this', root], ...(baseline ? [['baseline', baseline]] : [])];
  const rows = [];
  const modules = {};
  try {
    const runs = checkouts.map(([name, checkout]) => {
      const dataDir = join(scratch, name);
      mkdirSync(dataDir);
      return [name, checkout, dataDir, runsOf(name, checkout, dataDir)];
    });
    // Interleaved, so both checkouts see the same moments of a busy machine.
    for (const [name, , , run] of runs) rows.push({ checkout: name, kind: 'first', ...(await run.first()) });
    for (let i = 1; i <= RESTARTS; i++) for (const [name, , , run] of runs) rows.push({ checkout: name, kind: 'npm restart', ...(await run.npmRestart(i)) });
    for (let i = 1; i <= RESTARTS; i++) for (const [name, checkout, , run] of runs) if (existsSync(join(checkout, 'scripts/start.mjs'))) rows.push({ checkout: name, kind: 'node restart', ...(await run.nodeRestart(i)) });
    for (const [name, checkout, dataDir] of runs) modules[name] = await countModules(checkout, dataDir);

    const summary = [];
    for (const kind of ['first', 'npm restart', 'node restart']) {
      for (const [name] of checkouts) {
        const of = rows.filter((r) => r.kind === kind && r.checkout === name);
        if (!of.length) continue;
        summary.push({ checkout: name, kind, runs: of.length, load1: median(of.map((r) => r.load1)), wallMs: median(of.map((r) => r.wallMs)), treeCpuMs: median(of.map((r) => r.treeCpuMs)), serviceCpuMs: median(of.map((r) => r.serviceCpuMs ?? NaN)) });
      }
    }
    const result = { at: new Date().toISOString(), node: process.version, cpus: cpus().length, baseline, summary, rows, modules };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, `bench/results/start-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log('| checkout | start | runs | load (1 min, median) | wall to ready (median) | CPU, whole process tree | CPU, service |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of summary) console.log(`| ${r.checkout} | ${r.kind} | ${r.runs} | ${r.load1} | ${sec(r.wallMs)} | ${sec(r.treeCpuMs)} | ${sec(Number.isNaN(r.serviceCpuMs) ? undefined : r.serviceCpuMs)} |`);
    if (baseline) {
      for (const kind of ['first', 'npm restart']) {
        const [a, b] = ['this', 'baseline'].map((name) => summary.find((r) => r.checkout === name && r.kind === kind));
        if (a && b) console.log(`${kind}: this/baseline CPU ${(a.treeCpuMs / b.treeCpuMs).toFixed(2)}x, wall ${(a.wallMs / b.wallMs).toFixed(2)}x`);
      }
    }
    for (const [name, m] of Object.entries(modules)) console.log(`${name}: ${m.files} module files loaded, ${m.mib} MiB`);
    console.log(`results: ${file}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
