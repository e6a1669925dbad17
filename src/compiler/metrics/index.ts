import type { CompiledQuery } from 'kysely';
import type { Catalog } from '../../catalog/types';
import { postgres } from '../dialect';
import type { Decision } from '../marts/match-common';
import { NO_MARTS } from '../marts/state';
import type { CompileOptions } from '../options';
import type { MetricQuery } from '../query';
import { provenanceOf, type Provenance } from '../source';
import { matchMetrics } from './match';
import { planMetrics } from './plan';
import { renderMetrics } from './render';


export interface CompiledMetricQuery {
  readonly query: CompiledQuery;
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Output columns besides `period`: the dimensions then the metrics, snake_case. */
  readonly dimensions: readonly string[];
  readonly metrics: readonly string[];
  /** The marts read, and whether raw tables are read too (ResultMeta.source). */
  readonly provenance: Provenance;
  /** Per step: where it reads from and why other marts could not serve it. */
  readonly decisions: readonly Decision[];
}

/** (Catalog, MetricQuery, marts state) -> SQL: plan, match marts, render. Pure: no I/O, no clock, no environment. */
export function compileMetricQuery(catalog: Catalog, query: MetricQuery, options: CompileOptions = {}): CompiledMetricQuery {
  const planned = planMetrics(catalog, query);
  const { plan, decisions } = matchMetrics(catalog, options.marts ?? NO_MARTS, planned);
  const compiled = renderMetrics(catalog, plan, options.dialect ?? postgres);
  return {
    query: compiled,
    sql: compiled.sql,
    parameters: compiled.parameters,
    dimensions: plan.dimensions.map((d) => d.name),
    metrics: plan.metrics,
    provenance: provenanceOf(plan.steps.map((s) => s.source)),
    decisions,
  };
}
