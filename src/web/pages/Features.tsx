import { useMemo } from 'react';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatValue } from '../components/format';
import { DataTable, type Column } from '../components/Table';
import { ErrorBox, Loaded, Panel, RowLimitNote, Skeleton } from '../components/States';
import { updateParams } from '../state/url';
import { NONE, timeArgs, whereFor, type DimensionFilter, type Grain, type GlobalView } from '../state/view';
import { axisLabelFor, PALETTE, pivot, type MetricRows } from './shared';

const TOP = 15;
const LINES = 6;

const PLANS = `query Plans($timeRange: TimeRange!, $timezone: String) {
  metrics(timeRange: $timeRange, timezone: $timezone) { rows { plan activeUsers } }
}`;
const TOP_FEATURES = `query TopFeatures($timeRange: TimeRange!, $timezone: String, $weekStart: Weekday, $where: DimensionFilter) {
  metrics(timeRange: $timeRange, timezone: $timezone, weekStart: $weekStart, where: $where, orderBy: [{field: EVENTS, direction: DESC}], limit: ${TOP}) { rows { feature events activeUsers } }
}`;
const USAGE = `query FeatureUsage($timeRange: TimeRange!, $timezone: String, $weekStart: Weekday, $where: DimensionFilter, $grain: TimeGrain) {
  metrics(timeRange: $timeRange, timezone: $timezone, weekStart: $weekStart, where: $where, grain: $grain) { rows { period feature activeUsers } }
}`;

type Feature = { feature: string | null; events: number | null; activeUsers: number | null };
interface PlansAnswer {
  metrics: { rows: Array<{ plan: string | null; activeUsers: number | null }> };
}
interface TopAnswer {
  metrics: { rows: Feature[] };
}

/** Which features get used, overall and over time, for all plans or one. */
export function FeaturesPage() {
  const { view, params } = useApp();
  const grain = view.grain ?? 'WEEK';
  const plan = params.get('plan');
  const where = withPlan(view, plan);
  const top = useQuery<TopAnswer>(TOP_FEATURES, { ...timeArgs(view), where });
  const usage = useQuery<MetricRows>(USAGE, { ...timeArgs(view), where, grain });
  const isEmpty = (d: TopAnswer) => d.metrics.rows.length === 0;
  return (
    <>
      <Controls defaultGrain="WEEK" />
      <div className="page-options" role="group" aria-label="Features options">
        <PlanSelect view={view} plan={plan} />
      </div>
      <div className="grid">
        <Panel title={`Top features by events (at most ${TOP})`}>
          <Loaded state={top} height={400} isEmpty={isEmpty}>
            {(data) => <TopChart rows={data.metrics.rows} />}
          </Loaded>
        </Panel>
        <Panel title={`Active users of the top ${LINES} features`}>
          {top.status === 'error' ? <ErrorBox error={top.error} /> : null}
          {top.status === 'loading' ? <Skeleton height={400} /> : null}
          {top.status === 'done' ? (
            <Loaded state={usage} height={400} isEmpty={(d) => d.metrics.rows.length === 0 || isEmpty(top.data)}>
              {(data) => (
                <>
                  <RowLimitNote rows={data.metrics.rows.length} />
                  <UsageChart rows={data.metrics.rows} top={top.data.metrics.rows} grain={grain} />
                </>
              )}
            </Loaded>
          ) : null}
        </Panel>
        <Panel title="Top features" wide>
          <Loaded state={top} height={160} isEmpty={isEmpty}>
            {(data) => <FeatureTable rows={data.metrics.rows} />}
          </Loaded>
        </Panel>
      </div>
    </>
  );
}

/** The global filters and the page's plan (NONE: users without a plan), both applying. */
function withPlan(view: GlobalView, plan: string | null): DimensionFilter {
  // Events of no feature (logins, most page views) are not feature use.
  const terms: DimensionFilter[] = [{ feature: { isNull: false } }];
  const global = whereFor(view);
  if (global) terms.push(global);
  if (plan !== null) terms.push(plan === NONE ? { plan: { isNull: true } } : { plan: { eq: plan } });
  return terms.length === 1 ? (terms[0] as DimensionFilter) : { AND: terms };
}

/** Plans with active users in the range, the most active first. */
function PlanSelect({ view, plan }: { view: GlobalView; plan: string | null }) {
  const state = useQuery<PlansAnswer>(PLANS, { timeRange: { from: view.from, to: view.to }, timezone: view.timezone });
  const plans = state.status === 'done' ? [...state.data.metrics.rows].sort((a, b) => (b.activeUsers ?? 0) - (a.activeUsers ?? 0)).map((r) => r.plan ?? NONE) : [];
  // A plan from a shared link stays choosable even when it has no one active in this range.
  const options = [...new Set([...plans, ...(plan ? [plan] : [])])];
  return (
    <label>
      Plan
      <select name="plan" value={plan ?? ''} onChange={(e) => updateParams({ plan: e.target.value || null })}>
        <option value="">All plans</option>
        {options.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

function TopChart({ rows }: { rows: readonly Feature[] }) {
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(v) },
      grid: { left: 104, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      // In the API's order, the most used feature on top.
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.feature ?? NONE) },
      series: [{ name: 'Events', type: 'bar', data: rows.map((r) => r.events) }],
    }),
    [rows],
  );
  return <Chart id="top-features" option={option} height={400} />;
}

function UsageChart({ rows, top, grain }: { rows: MetricRows['metrics']['rows']; top: readonly Feature[]; grain: Grain }) {
  const option = useMemo(() => {
    const { periods, series } = pivot(rows, 'feature', 'activeUsers');
    const names = top.slice(0, LINES).map((r) => r.feature ?? NONE);
    const lines = names.flatMap((name) => series.filter((s) => s.name === name));
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatValue(v) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: periods, axisLabel: { formatter: axisLabelFor(grain) } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      series: lines.map((s) => ({ ...s, type: 'line', showSymbol: periods.length < 40 })),
    };
  }, [rows, top, grain]);
  return <Chart id="feature-usage" option={option} height={400} />;
}

function FeatureTable({ rows }: { rows: Feature[] }) {
  const columns: Array<Column<Feature>> = [
    { key: 'feature', label: 'Feature' },
    { key: 'events', label: 'Events', unit: 'count' },
    { key: 'activeUsers', label: 'Active users', unit: 'count' },
  ];
  return <DataTable id="features" columns={columns} rows={rows} csvName="features" />;
}
