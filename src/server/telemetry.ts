import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics at /metrics (SPEC §11 observability): request latency
 * by root field, statements answered from a cache or the warehouse (the hit
 * ratio), warehouse time and rows, warehouse errors by code, statements
 * waiting for a connection, and the
 * process's own (memory, event loop). One registry per server, so tests and
 * replicas in one process do not share counters.
 */
export class Telemetry {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'pulse_request_duration_seconds',
    help: 'GraphQL request latency by root field (a request with several fields counts for each).',
    labelNames: ['field', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  private readonly statements = new Counter({ name: 'pulse_statements_total', help: 'Statements answered, by where from (cache, warehouse).', labelNames: ['from'], registers: [this.registry] });
  private readonly sql = new Histogram({ name: 'pulse_sql_duration_seconds', help: 'Warehouse time per statement run.', buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [this.registry] });
  private readonly rows = new Counter({ name: 'pulse_rows_total', help: 'Rows of the statements answered.', registers: [this.registry] });
  private readonly errors = new Counter({ name: 'pulse_warehouse_errors_total', help: 'Warehouse failures by code.', labelNames: ['code'], registers: [this.registry] });

  /** `pool`: the statement gate, whose waiters are a gauge. */
  constructor(pool?: { readonly waiting: number }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'pulse_' });
    if (pool) {
      new Gauge({
        name: 'pulse_pool_waiters',
        help: 'Statements waiting for a warehouse connection (the statement gate).',
        registers: [this.registry],
        collect() {
          this.set(pool.waiting);
        },
      });
    }
  }

  /** For the executor (execution/executor.ts StatementObserver). */
  readonly statementObserver = {
    answered: (from: 'cache' | 'warehouse', rows: number, warehouseMs: number) => {
      this.statements.inc({ from });
      this.rows.inc(rows);
      if (from === 'warehouse') this.sql.observe(warehouseMs / 1000);
    },
    failed: (code: string) => this.errors.inc({ code }),
  };

  request(fields: readonly string[], ms: number, ok: boolean): void {
    for (const field of fields.length ? fields : ['(none)']) this.requests.observe({ field, outcome: ok ? 'ok' : 'error' }, ms / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
