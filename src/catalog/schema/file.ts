/** One metrics/*.yml file: any of the six lists. Used for the JSON Schema that editors read. */
import { z } from 'zod';
import { AnalysisSchema } from './analysis';
import { DataTestSchema } from './data-test';
import { DimensionSchema } from './dimension';
import { MartSchema } from './mart';
import { MetricSchema } from './metric';
import { ModelSchema } from './model';

export const SECTIONS = ['models', 'dimensions', 'metrics', 'analyses', 'data_tests', 'marts'] as const;
export type Section = (typeof SECTIONS)[number];

/** How problems name one entry of a section: `Metric "dau"`. */
export const SINGULAR = {
  models: 'Model',
  dimensions: 'Dimension',
  metrics: 'Metric',
  analyses: 'Analysis',
  data_tests: 'Data test',
  marts: 'Mart',
} as const satisfies Record<Section, string>;

export const FileSchema = z
  .strictObject({
    models: z.array(ModelSchema).optional().meta({ description: 'Semantic models: warehouse tables and joins.' }),
    dimensions: z.array(DimensionSchema).optional().meta({ description: 'Dimensions metrics can be grouped and filtered by.' }),
    metrics: z.array(MetricSchema).optional().meta({ description: 'Metrics: fields of MetricRow.' }),
    analyses: z
      .array(AnalysisSchema)
      .optional()
      .meta({ description: 'Analyses: retention, lifecycle, funnel, conversion and user lists, each a GraphQL Query field.' }),
    data_tests: z
      .array(DataTestSchema)
      .optional()
      .meta({ description: 'Data tests run by `pulse check`: generic (not_null, unique, accepted_values, relationships) or singular (sql).' }),
    marts: z
      .array(MartSchema)
      .optional()
      .meta({ description: 'Derived tables Pulse maintains and answers from when the answer is provably the same as from raw tables.' }),
  })
  .meta({
    title: 'Pulse metric definitions',
    description: 'A file under metrics/: any of models, dimensions, metrics, analyses, data_tests, marts.',
  });
