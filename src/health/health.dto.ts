export class LivenessDto {
  /** Always `ok` while the process can answer. */
  status: 'ok';
}

export class ReadinessChecksDto {
  database: 'up' | 'down';
  redis: 'up' | 'down';
  shutdown: 'running' | 'draining';
}

export class ReadinessDto {
  status: 'ready';
  checks: ReadinessChecksDto;
}
