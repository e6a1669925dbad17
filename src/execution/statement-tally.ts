
/** What a request's statements cost, for its log line (SPEC §11 observability: SQL time, cache hit, source). */
export class StatementTally {
  private statements = 0;
  private cacheHits = 0;
  private sqlMs = 0;
  private rows = 0;
  private readonly sources = new Set<string>();

  answered(from: 'cache' | 'warehouse', rows: number, warehouseMs: number): void {
    this.statements += 1;
    this.rows += rows;
    if (from === 'cache') this.cacheHits += 1;
    else this.sqlMs += warehouseMs;
  }

  /** `raw` or the marts an answer came from (answer-meta.ts sourceLabel). */
  source(label: string): void {
    for (const name of label.split(',')) this.sources.add(name);
  }

  summary(): { statements: number; cacheHits: number; sqlMs: number; rows: number; sources: string[] } {
    return { statements: this.statements, cacheHits: this.cacheHits, sqlMs: Math.round(this.sqlMs * 100) / 100, rows: this.rows, sources: [...this.sources].sort() };
  }
}

/** How one request's statements run: as whom, in which lane of the gate, counted where. */
export interface RunScope {
  /** The statement is run as this tenant sees the warehouse (tenant-shadow.ts); cached apart. */
  readonly tenant?: string;
  readonly tally?: StatementTally;
}
