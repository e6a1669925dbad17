/** UNKNOWN_METRIC: ratio numerator/denominator and the names in a derived expr are metrics of the catalog. */
import type { DefinitionProblem, SourceLocation } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import type { Draft } from '../draft';
import { metricNamesIn } from '../expr';

export function checkMetricReferences(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: metric, at } of draft.metrics.values()) {
    const subject = `Metric "${metric.name}"`;
    if (metric.kind === 'ratio') {
      check(draft, metric.numerator, subject, at(['numerator']), problems);
      check(draft, metric.denominator, subject, at(['denominator']), problems);
    } else if (metric.kind === 'derived') {
      for (const { name, offset } of metricNamesIn(metric.exprText)) {
        check(draft, name, subject, at(['expr'], { offset }), problems);
      }
    }
  }
}

function check(draft: Draft, name: string, subject: string, location: SourceLocation, problems: DefinitionProblem[]): void {
  // A metric whose own definition was broken has been reported already.
  if (draft.metrics.has(name) || draft.brokenFields.has(name)) return;
  const message = draft.dimensions.has(name)
    ? `${subject} refers to "${name}", which is a dimension, not a metric.`
    : `${subject} refers to unknown metric "${name}".${didYouMean(name, draft.metrics.keys())}`;
  problems.push({ code: 'UNKNOWN_METRIC', message, location });
}
