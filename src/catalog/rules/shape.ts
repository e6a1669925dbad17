/**
 * INVALID_SHAPE: each entry against the zod schema of its section. Dimensions
 * pick their variant by key and metrics by `kind` first, so the messages
 * speak about the fields that variant allows rather than a union's failures.
 */
import type { z } from 'zod';
import type { DefinitionProblem } from '../../util/errors';
import { isRecord, type SourceEntry } from '../source';
import { ANALYSIS_FIELDS, analysisVariants, AnyAnalysisSchema, type AnalysisSpec } from '../schema/analysis';
import { AnyDimensionSchema, DIMENSION_VARIANTS, dimensionVariants, type DimensionSpec, type DimensionVariant } from '../schema/dimension';
import { AnyMetricSchema, METRIC_FIELDS, metricVariants, type MetricSpec } from '../schema/metric';
import { SINGULAR } from '../schema/file';
import { ModelSchema, type ModelSpec } from '../schema/model';
import { AnyMartSchema, MART_FIELDS, martVariants, type MartSpec } from '../schema/mart';
import type { AnalysisKind, MartKind, MetricKind } from '../types';
import { describe, parse, type IssueContext } from './shape-messages';
import { shapeDataTest } from './shape-data-test';
import type { DataTestSpec } from '../schema/data-test';

export type Shaped =
  | { readonly section: 'models'; readonly spec: ModelSpec; readonly entry: SourceEntry }
  | { readonly section: 'dimensions'; readonly spec: DimensionSpec[DimensionVariant]; readonly entry: SourceEntry }
  | { readonly section: 'metrics'; readonly spec: MetricSpec[MetricKind]; readonly entry: SourceEntry }
  | { readonly section: 'analyses'; readonly spec: AnalysisSpec[AnalysisKind]; readonly entry: SourceEntry }
  | { readonly section: 'data_tests'; readonly spec: DataTestSpec; readonly entry: SourceEntry }
  | { readonly section: 'marts'; readonly spec: MartSpec[MartKind]; readonly entry: SourceEntry };

/** The entry's typed spec, or null after reporting why it has none. */
export function checkShape(entry: SourceEntry, problems: DefinitionProblem[]): Shaped | null {
  const { value, name } = entry;
  const thing = name === null ? `${SINGULAR[entry.section]} #${entry.index + 1}` : `${SINGULAR[entry.section]} "${name}"`;
  if (!isRecord(value)) {
    problems.push({ code: 'INVALID_SHAPE', message: `${thing} must be a map of fields, got ${describe(value)}.`, location: entry.at() });
    return null;
  }
  switch (entry.section) {
    case 'models': {
      const spec = parse(ModelSchema, value, { thing, at: entry.at, schema: ModelSchema }, problems);
      return spec && { section: 'models', spec, entry };
    }
    case 'dimensions':
      return shapeDimension(value, entry, thing, problems);
    case 'metrics': {
      const spec = shapeByKind<MetricSpec[MetricKind]>(metricVariants, AnyMetricSchema, METRIC_FIELDS, value, entry, thing, problems);
      return spec && { section: 'metrics', spec, entry };
    }
    case 'analyses': {
      const spec = shapeByKind<AnalysisSpec[AnalysisKind]>(analysisVariants, AnyAnalysisSchema, ANALYSIS_FIELDS, value, entry, thing, problems);
      return spec && { section: 'analyses', spec, entry };
    }
    case 'data_tests': {
      const spec = shapeDataTest(value, entry, thing, problems);
      return spec && { section: 'data_tests', spec, entry };
    }
    case 'marts': {
      const spec = shapeByKind<MartSpec[MartKind]>(martVariants, AnyMartSchema, MART_FIELDS, value, entry, thing, problems);
      return spec && { section: 'marts', spec, entry };
    }
  }
}

function shapeDimension(value: Record<string, unknown>, entry: SourceEntry, thing: string, problems: DefinitionProblem[]): Shaped | null {
  const present = DIMENSION_VARIANTS.filter((key) => key in value);
  const [only] = present;
  if (only !== undefined && present.length === 1) {
    const schema = dimensionVariants[only];
    const spec = parse(schema, value, { thing, at: entry.at, schema }, problems);
    return spec && { section: 'dimensions', spec, entry };
  }
  // Still report everything else that is wrong with it.
  parse(AnyDimensionSchema, value, { thing, at: entry.at, schema: AnyDimensionSchema }, problems);
  const [, second] = present;
  problems.push(
    second === undefined
      ? { code: 'INVALID_SHAPE', message: `${thing} needs one of the fields column, calendar or day_bins.`, location: entry.at() }
      : {
          code: 'INVALID_SHAPE',
          message: `${thing} has both "${present[0]}" and "${second}": a dimension is exactly one of column, calendar or day_bins.`,
          location: entry.at([second], { key: true }),
        },
  );
  return null;
}

/** Metrics and analyses pick their schema by `kind`, so messages speak about the fields that kind takes. */
function shapeByKind<T>(
  variants: Readonly<Record<string, z.ZodType<T>>>,
  anySchema: z.ZodObject,
  allFields: ReadonlySet<string>,
  value: Record<string, unknown>,
  entry: SourceEntry,
  thing: string,
  problems: DefinitionProblem[],
): T | null {
  const kind = value.kind;
  const schema = typeof kind === 'string' && Object.hasOwn(variants, kind) ? variants[kind] : undefined;
  if (typeof kind === 'string' && schema) {
    const context: IssueContext = { thing, at: entry.at, schema, otherVariantFields: { fields: allFields, variant: kind } };
    return parse(schema, value, context, problems);
  }
  // A missing or unknown kind is reported by this schema, along with anything else it can see.
  parse(anySchema, value, { thing, at: entry.at, schema: anySchema }, problems);
  return null;
}
