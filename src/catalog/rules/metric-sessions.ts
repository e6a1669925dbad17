/**
 * WRONG_TYPE for session_count and session_duration: their model must say
 * how its rows form sessions (`sessions: { gap_minutes: 30 }`).
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';

export function checkMetricSessions(draft: Draft, problems: DefinitionProblem[]): void {
  const withSessions = [...draft.models.values()].filter(({ def }) => def.sessions !== null).map(({ def }) => `"${def.name}"`);
  for (const { def: metric, at } of draft.metrics.values()) {
    if (metric.kind !== 'session_count' && metric.kind !== 'session_duration') continue;
    // An unknown model is reported by metric-models.ts.
    const model = draft.models.get(metric.model)?.def;
    if (!model || model.sessions !== null) continue;
    const others = withSessions.length === 0 ? '' : ` Models with sessions: ${withSessions.join(', ')}.`;
    problems.push({
      code: 'WRONG_TYPE',
      message:
        `Metric "${metric.name}" (${metric.kind}) reads sessions, but model "${model.name}" has no sessions config; ` +
        `add sessions: { gap_minutes: 30 } to it.${others}`,
      location: at(['model']),
    });
  }
}
