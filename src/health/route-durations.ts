import type { Histogram } from 'prom-client';

type DurationChild = ReturnType<Histogram<'method' | 'route' | 'status_code'>['labels']>;

/**
 * http_request_duration_seconds for one route template served on the edge (the relay,
 * /me), with the histogram child of each method and status kept: no label hashing per
 * call. Methods and three-digit statuses keep the map small.
 */
export class RouteDurations {
  private readonly children = new Map<string, DurationChild>();

  constructor(
    private readonly histogram: Histogram<'method' | 'route' | 'status_code'>,
    private readonly route: string,
  ) {}

  observe(method: string, status: number, seconds: number): void {
    const key = `${method} ${status}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.histogram.labels({ method, route: this.route, status_code: String(status) });
      this.children.set(key, child);
    }
    child.observe(seconds);
  }
}
