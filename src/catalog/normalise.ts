/**
 * Shaped YAML specs -> the canonical definitions of types.ts (camelCase
 * fields, explicit ColumnRefs, defaults filled in), MetricFlow style:
 * normalise first, so every rule and the compiler see one form.
 */
import type { DefinitionProblem } from '../util/errors';
import type { Draft } from './draft';
import type { Locator } from './locate';
import { normaliseAnalysis } from './normalise-analysis';
import { normaliseMetric } from './normalise-metric';
import type { Shaped } from './rules/shape';
import type { DimensionSpec, DimensionVariant } from './schema/dimension';
import type { ModelSpec } from './schema/model';
import type { ColumnRef, Dimension, DimensionExpr, SemanticModel } from './types';

/** Adds the definition to the draft; the first definition of a name wins (names.ts reports the rest). */
export function addToDraft(shaped: Shaped, draft: Draft, problems: DefinitionProblem[]): void {
  const at = shaped.entry.at;
  switch (shaped.section) {
    case 'models':
      if (!draft.models.has(shaped.spec.name)) draft.models.set(shaped.spec.name, { def: normaliseModel(shaped.spec, at), at });
      return;
    case 'dimensions':
      if (!draft.dimensions.has(shaped.spec.name)) {
        draft.dimensions.set(shaped.spec.name, { def: normaliseDimension(shaped.spec, at), at });
      }
      return;
    case 'metrics': {
      const metric = normaliseMetric(shaped.spec, at, problems);
      if (!metric) draft.brokenFields.add(shaped.spec.name);
      else if (!draft.metrics.has(metric.name)) draft.metrics.set(metric.name, { def: metric, at });
      return;
    }
    case 'analyses':
      if (!draft.analyses.has(shaped.spec.name)) {
        draft.analyses.set(shaped.spec.name, { def: normaliseAnalysis(shaped.spec, at), at });
      }
      return;
    case 'data_tests':
      draft.dataTests.push({ spec: shaped.spec, at });
      return;
    case 'marts':
      if (!draft.marts.has(shaped.spec.name)) draft.marts.set(shaped.spec.name, { def: shaped.spec, at });
      return;
  }
}

function normaliseModel(spec: ModelSpec, at: Locator): SemanticModel {
  return {
    name: spec.name,
    description: spec.description ?? '',
    table: spec.table,
    primaryKey: spec.primary_key,
    userKey: spec.user_key ?? null,
    timeColumn: spec.time ?? null,
    columns: new Map(Object.entries(spec.columns).map(([name, type]) => [name, { name, type }])),
    joins: (spec.joins ?? []).map((join, i) => ({ model: join.model, column: join.column, location: at(['joins', i]) })),
    sessions: spec.sessions ? { gapMinutes: spec.sessions.gap_minutes } : null,
    location: at(),
  };
}

function normaliseDimension(spec: DimensionSpec[DimensionVariant], at: Locator): Dimension {
  const expr = dimensionExpr(spec);
  const refs = expr.kind === 'day_bins' ? [expr.from, expr.to] : [expr.column];
  return {
    name: spec.name,
    description: spec.description ?? '',
    model: spec.model,
    expr,
    // Owner first, then every other model the expression reads, once each.
    models: [...new Set([spec.model, ...refs.map((ref) => ref.model)])],
    location: at(),
  };
}

function dimensionExpr(spec: DimensionSpec[DimensionVariant]): DimensionExpr {
  // A plain `column:` always reads the owner (rules/dimension-columns.ts explains a dotted one).
  if ('column' in spec) return { kind: 'column', column: { model: spec.model, column: spec.column } };
  if ('calendar' in spec) {
    return { kind: 'calendar', column: columnRef(spec.calendar.column, spec.model), part: spec.calendar.part };
  }
  const { from, to, bins } = spec.day_bins;
  return { kind: 'day_bins', from: columnRef(from, spec.model), to: columnRef(to, spec.model), bins };
}

/** `col` (of the owner) or `model.col`. */
export function columnRef(text: string, owner: string): ColumnRef {
  const dot = text.indexOf('.');
  return dot < 0 ? { model: owner, column: text } : { model: text.slice(0, dot), column: text.slice(dot + 1) };
}
