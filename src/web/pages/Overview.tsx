import { useMemo } from 'react';
import { useQuery, type QueryState } from '../api/use-query';
import { reachableBy, useApp } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatChange, formatValue, label, unitOf } from '../components/format';
import { ErrorBox, Loaded, Panel, RowLimitNote, Skeleton } from '../components/States';
import { navigate } from '../state/url';
import { timeArgs, whereFor, type GlobalView } from '../state/view';
import { axisLabelFor, PALETTE, pivot, type MetricRows } from './shared';

const KPIS = ['dau', 'wau', 'mau', 'newUsers', 'churnRate', 'stickiness'] as const;

/** DAU/WAU/MAU, new users, churn rate and stickiness with the change on the previous period; activity over time, by source and by country. */
export function OverviewPage() {
  const { view } = useApp();
  const grain = view.grain ?? 'DAY';
  return (
    <>
      <Controls defaultGrain="DAY" />
      <div className="kpis">
        {KPIS.map((metric) => (
          <Kpi key={metric} metric={metric} view={view} />
        ))}
      </div>
      <div className="grid">
        <ActivityOverTime grain={grain} />
        <BySource grain={grain} />
        <ByCountry />
      </div>
    </>
  );
}

interface KpiAnswer {
  metrics: { rows: Array<Record<string, number | null> & { previous: Record<string, number | null> | null }> };
}

/** One tile: the metric over the whole range, compared with the range of the same length just before (SPEC §12, compareTo). */
function Kpi({ metric, view }: { metric: string; view: GlobalView }) {
  const { catalog } = useApp();
  const reachable = reachableBy(catalog, [metric]);
  const skipped = [...view.filters.keys()].filter((d) => !reachable.has(d));
  const state: QueryState<KpiAnswer> = useQuery<KpiAnswer>(
    `query Kpi($timeRange: TimeRange!, $timezone: String, $weekStart: Weekday, $where: DimensionFilter) {
  metrics(timeRange: $timeRange, timezone: $timezone, weekStart: $weekStart, where: $where, compareTo: PREVIOUS_PERIOD) { rows { ${metric} previous { ${metric} } } }
}`,
    { ...timeArgs(view), where: whereFor(view, reachable) },
  );
  const unit = unitOf(metric);
  return (
    <div className="kpi" data-kpi={metric}>
      <div className="kpi-label" title={catalog.metrics.find((m) => m.name === metric)?.description}>
        {label(metric)}
      </div>
      {state.status === 'loading' ? <Skeleton height={48} /> : null}
      {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
      {state.status === 'done' ? <KpiValue answer={state.data} metric={metric} unit={unit} /> : null}
      {skipped.length ? <div className="muted small">Filter on {skipped.map(label).join(', ')} does not apply</div> : null}
    </div>
  );
}

function KpiValue({ answer, metric, unit }: { answer: KpiAnswer; metric: string; unit: ReturnType<typeof unitOf> }) {
  const row = answer.metrics.rows[0];
  const current = row?.[metric] ?? null;
  const previous = row?.previous?.[metric] ?? null;
  const change = formatChange(current, previous, unit);
  // Churn going up is bad news; for every other tile, up is good.
  const good = metric === 'churnRate' ? -1 : 1;
  return (
    <>
      <div className="kpi-value" data-value={current ?? ''}>
        {formatValue(current, unit)}
      </div>
      <div className={`kpi-change ${change ? (change.sign * good > 0 ? 'up' : change.sign * good < 0 ? 'down' : '') : ''}`} data-previous={previous ?? ''}>
        {change ? `${change.text} vs previous period` : 'no previous period to compare'}
      </div>
    </>
  );
}

function useMetricRows(fields: string, metrics: readonly string[], extra: { grain?: string | null; orderBy?: unknown; limit?: number } = {}) {
  const { view, catalog } = useApp();
  const where = whereFor(view, reachableBy(catalog, metrics));
  return useQuery<MetricRows>(
    `query Rows($timeRange: TimeRange!, $timezone: String, $weekStart: Weekday, $where: DimensionFilter, $grain: TimeGrain, $orderBy: [MetricOrder!], $limit: Int) {
  metrics(timeRange: $timeRange, timezone: $timezone, weekStart: $weekStart, where: $where, grain: $grain, orderBy: $orderBy, limit: $limit) { rows { ${fields} } meta { source cached } }
}`,
    { ...timeArgs(view), where, grain: extra.grain ?? null, orderBy: extra.orderBy ?? null, limit: extra.limit ?? null },
  );
}

function ActivityOverTime({ grain }: { grain: string }) {
  const state = useMetricRows('period dau wau mau', ['dau', 'wau', 'mau'], { grain });
  return (
    <Panel title="Active users" wide>
      <Loaded state={state} isEmpty={(d) => d.metrics.rows.length === 0}>
        {(data) => <ActivityChart rows={data.metrics.rows} grain={grain} />}
      </Loaded>
    </Panel>
  );
}

function ActivityChart({ rows, grain }: { rows: MetricRows['metrics']['rows']; grain: string }) {
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.period)), axisLabel: { formatter: axisLabelFor(grain as never) } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      series: (['dau', 'wau', 'mau'] as const).map((m) => ({ name: label(m), type: 'line', showSymbol: rows.length < 40, data: rows.map((r) => r[m]) })),
    }),
    [rows, grain],
  );
  return <Chart id="active-users" option={option} />;
}

function BySource({ grain }: { grain: string }) {
  const { params } = useApp();
  const state = useMetricRows('period acquisitionSource activeUsers', ['activeUsers'], { grain });
  const chart = useMemo(() => {
    if (state.status !== 'done') return null;
    const { periods, series } = pivot(state.data.metrics.rows, 'acquisitionSource', 'activeUsers');
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: periods, axisLabel: { formatter: axisLabelFor(grain as never) } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      series: series.map((s) => ({ ...s, type: 'bar', stack: 'users' })),
    };
  }, [state, grain]);
  return (
    <Panel title="Active users by acquisition source">
      <Loaded state={state} isEmpty={(d) => d.metrics.rows.length === 0}>
        {(data) => (
          <>
            <RowLimitNote rows={data.metrics.rows.length} />
            {chart ? <Chart id="active-by-source" option={chart} onClick={(p) => drill(params, 'acquisitionSource', p.seriesName)} /> : null}
          </>
        )}
      </Loaded>
    </Panel>
  );
}

function ByCountry() {
  const { params } = useApp();
  const state = useMetricRows('country activeUsers', ['activeUsers'], { orderBy: [{ field: 'ACTIVE_USERS', direction: 'DESC' }], limit: 10 });
  const chart = useMemo(() => {
    if (state.status !== 'done') return null;
    const rows = [...state.data.metrics.rows].reverse();
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      yAxis: { type: 'category', data: rows.map((r) => (r.country === null ? '(none)' : String(r.country))) },
      series: [{ name: 'Active users', type: 'bar', data: rows.map((r) => r.activeUsers) }],
    };
  }, [state]);
  return (
    <Panel title="Active users by country (top 10)">
      <Loaded state={state} isEmpty={(d) => d.metrics.rows.length === 0}>
        {() => (chart ? <Chart id="active-by-country" option={chart} onClick={(p) => drill(params, 'country', p.name)} /> : null)}
      </Loaded>
    </Panel>
  );
}

/** From a chart to the users behind it: the Users page with that value as a filter. */
export function drill(params: URLSearchParams, dimension: string, value: string | undefined, status?: string): void {
  if (value === undefined) return;
  const next = new URLSearchParams(params);
  next.delete(`f.${dimension}`);
  next.append(`f.${dimension}`, value);
  if (status) next.set('status', status);
  navigate('users', next);
}
