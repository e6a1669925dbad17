/**
 * The rules that run once every entry has its shape, in the order their
 * problems read best (names, then models, dimensions, metrics, analyses, data tests). Each one
 * reports and never throws, so one run collects every problem (graphql-js style).
 */
import type { Rule } from '../draft';
import { checkAnalysisDimensions } from './analysis-dimensions';
import { checkAnalysisModels } from './analysis-models';
import { checkDataTests } from './data-tests';
import { checkDerivedCycles } from './derived-cycles';
import { checkDimensionColumns } from './dimension-columns';
import { checkDimensionReachability } from './dimension-reachability';
import { checkJoins } from './joins';
import { checkMarts } from './marts';
import { checkMetricColumns } from './metric-columns';
import { checkMetricFilters } from './metric-filters';
import { checkMetricModels } from './metric-models';
import { checkMetricReferences } from './metric-references';
import { checkMetricSessions } from './metric-sessions';
import { checkModelKeys } from './model-keys';
import { checkModelSessions } from './model-sessions';
import { checkNames } from './names';

export const RULES: readonly Rule[] = [
  checkNames,
  checkModelKeys,
  checkModelSessions,
  checkJoins,
  checkDimensionColumns,
  checkDimensionReachability,
  checkMetricModels,
  checkMetricSessions,
  checkMetricColumns,
  checkMetricReferences,
  checkDerivedCycles,
  checkMetricFilters,
  checkAnalysisModels,
  checkAnalysisDimensions,
  checkDataTests,
  checkMarts,
];
