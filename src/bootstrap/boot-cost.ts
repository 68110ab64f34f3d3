/** What the boot cost so far: wall time since the process started, and CPU time of all its threads. */
export interface BootCost {
  wallMs: number;
  /** User + system CPU of the process (V8's background compiler threads included): the part a busy machine does not inflate. */
  cpuMs: number;
}

export function bootCost(): BootCost {
  const cpu = process.cpuUsage();
  return { wallMs: Math.round(process.uptime() * 1000), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}
