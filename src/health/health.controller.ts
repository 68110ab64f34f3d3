import { Controller, Get, Header, HttpCode, Inject } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/errors/domain-error.js';
import { Public } from '../sessions/public.decorator.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';
import { MetricsService } from './metrics.service.js';
import { ReadinessService } from './readiness.service.js';

@ApiTags('health')
// Probes and scrapers carry no session.
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Liveness: the process answers. Never touches dependencies, so a slow database cannot get it killed. */
  @Get('health/live')
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis answer and the instance is not draining. */
  @Get('health/ready')
  @ApiServiceUnavailableResponse({ description: 'A dependency is down or the instance is shutting down; `checks` names which.' })
  async ready(): Promise<ReadinessDto> {
    const report = await this.readiness.check();
    if (!report.ready) {
      const down = Object.entries(report.checks)
        .filter(([, status]) => status === 'down' || status === 'draining')
        .map(([name]) => name);
      throw new DomainError('not_ready', 503, `Not ready: ${down.join(', ')}`, { checks: report.checks });
    }
    return { status: 'ready', checks: report.checks };
  }

  /** Prometheus exposition format. */
  @Get('metrics')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
