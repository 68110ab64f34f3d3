import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '../common/http/route-template.js';
import { MetricsService } from './metrics.service.js';

/** Records every request under its route template (never the raw path: unbounded labels). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(MetricsService) private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      stop({ method: req.method, route: routeTemplate(req) ?? 'unmatched', status_code: String(res.statusCode) });
    });
    next();
  }
}
