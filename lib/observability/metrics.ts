import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

interface Metrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  duration: Histogram<'route' | 'method'>;
}

// Kept on globalThis: route modules are bundled separately and hot reloads re-run modules,
// but a metric name may be registered only once per registry.
const holder = globalThis as unknown as { __modelkeepMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({ name: 'modelkeep_http_requests_total', help: 'HTTP requests by route template, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    duration: new Histogram({
      name: 'modelkeep_http_request_duration_seconds',
      help: 'HTTP request latency by route template and method',
      labelNames: ['route', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  return (holder.__modelkeepMetrics ??= create());
}

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  const m = metrics();
  m.requests.inc({ route, method, status: String(status) });
  m.duration.observe({ route, method }, seconds);
}
