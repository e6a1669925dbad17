import { useMemo } from 'react';
import { useQuery } from '../api/use-query';
import { useApp, userDimensions } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatPeriod, formatValue, label } from '../components/format';
import { DataTable, type Column } from '../components/Table';
import { Loaded, Panel } from '../components/States';
import { updateParams } from '../state/url';
import { NONE, rangeEnd, timeArgs, whereFor, type Grain } from '../state/view';
import { fieldEnum } from './shared';

const GRAINS: readonly Grain[] = ['DAY', 'WEEK', 'MONTH'];
const PERIODS = 16;
const OFFSETS = Array.from({ length: PERIODS }, (_, k) => k);

const RETENTION = `query Retention($timeRange: TimeRange!, $grain: TimeGrain, $periods: Int, $cohort: CohortBy, $asOf: DateTime, $timezone: String, $weekStart: Weekday, $where: DimensionFilter, $breakdown: Dimension) {
  retention(timeRange: $timeRange, grain: $grain, periods: $periods, cohort: $cohort, asOf: $asOf, timezone: $timezone, weekStart: $weekStart, where: $where, breakdown: $breakdown) {
    cohorts { cohort breakdown size periods { offset retained rate } }
  }
}`;

interface Cohort {
  cohort: string;
  breakdown: string | null;
  size: number;
  periods: Array<{ offset: number; retained: number; rate: number | null }>;
}
interface RetentionAnswer {
  retention: { cohorts: Cohort[] };
}
type Row = Record<string, string | number | null>;

/** Cohort retention (SPEC §5): the share of each cohort active in each later period, as a heatmap and a table. */
export function RetentionPage() {
  const { view, params, catalog } = useApp();
  const grain = view.grain && GRAINS.includes(view.grain) ? view.grain : 'WEEK';
  const cohortBy = params.get('cohort') === 'FIRST_ACTIVITY' ? 'FIRST_ACTIVITY' : 'SIGNUP';
  const dimensions = userDimensions(catalog);
  const breakdown = readBreakdown(params, dimensions);
  const state = useQuery<RetentionAnswer>(RETENTION, {
    ...timeArgs(view),
    grain,
    periods: PERIODS,
    cohort: cohortBy,
    // As of the end of the range (like the Users page): later periods are left out, not drawn as 0%.
    asOf: rangeEnd(view),
    where: whereFor(view),
    breakdown: breakdown ? fieldEnum(breakdown) : null,
  });
  // With a breakdown every cohort comes once per value: one value is drawn at a time.
  const segments = useMemo(() => (state.status === 'done' && breakdown ? [...new Set(state.data.retention.cohorts.map((c) => c.breakdown ?? NONE))] : []), [state, breakdown]);
  const wanted = params.get('segment');
  const segment = wanted !== null && segments.includes(wanted) ? wanted : (segments[0] ?? null);
  const cohorts = useMemo(
    () => (state.status === 'done' ? state.data.retention.cohorts.filter((c) => segment === null || (c.breakdown ?? NONE) === segment) : []),
    [state, segment],
  );
  return (
    <>
      <Controls grains={GRAINS} defaultGrain="WEEK" />
      <div className="page-options" role="group" aria-label="Retention options">
        <label>
          Cohort by
          <select name="cohort" value={cohortBy} onChange={(e) => updateParams({ cohort: e.target.value === 'SIGNUP' ? null : e.target.value })}>
            <option value="SIGNUP">Signup</option>
            <option value="FIRST_ACTIVITY">First activity</option>
          </select>
        </label>
        <BreakdownSelect dimensions={dimensions} value={breakdown} reset={['segment']} />
        {breakdown && segments.length ? (
          <label>
            {label(breakdown)}
            <select name="segment" value={segment ?? ''} onChange={(e) => updateParams({ segment: e.target.value === segments[0] ? null : e.target.value })}>
              {segments.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div className="grid">
        <Panel title={`Retention by ${cohortBy === 'SIGNUP' ? 'signup' : 'first activity'} cohort${segment !== null && breakdown ? ` · ${label(breakdown)}: ${segment}` : ''}`} wide>
          <Loaded state={state} isEmpty={() => cohorts.every((c) => c.size === 0)}>
            {() => <RetentionChart cohorts={cohorts} grain={grain} />}
          </Loaded>
        </Panel>
        <Panel title="Retention by cohort" wide>
          <Loaded state={state} height={160} isEmpty={() => cohorts.every((c) => c.size === 0)}>
            {() => <RetentionTable cohorts={cohorts} grain={grain} />}
          </Loaded>
        </Panel>
      </div>
    </>
  );
}

function RetentionChart({ cohorts, grain }: { cohorts: readonly Cohort[]; grain: Grain }) {
  const option = useMemo(() => {
    // [offset, cohort index, rate]; offsets the API leaves out (not yet happened) stay empty: the triangle.
    const data = cohorts.flatMap((c, y) => c.periods.filter((p) => p.rate !== null).map((p) => [p.offset, y, p.rate as number]));
    const retained = new Map(cohorts.flatMap((c, y) => c.periods.map((p) => [`${p.offset}:${y}`, p.retained])));
    return {
      tooltip: {
        position: 'top',
        formatter: ({ value }: { value: [number, number, number] }) => {
          const c = cohorts[value[1]];
          if (!c) return '';
          const kept = retained.get(`${value[0]}:${value[1]}`) ?? 0;
          return `Cohort ${formatPeriod(c.cohort, grain)} (${formatValue(c.size)} users)<br/>${label(grain)} ${value[0]}: ${formatValue(kept)} active, <b>${formatValue(value[2], 'ratio')}</b>`;
        },
      },
      grid: { left: 132, right: 16, top: 8, bottom: 84 },
      xAxis: { type: 'category', data: OFFSETS.map(String), name: `${label(grain)}s since the cohort`, nameLocation: 'middle', nameGap: 26, splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: cohorts.map((c) => `${formatPeriod(c.cohort, grain)}  n=${formatValue(c.size)}`), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: 1,
        orient: 'horizontal',
        left: 8,
        bottom: 0,
        itemHeight: 160,
        text: ['100%', '0%'],
        formatter: (v: number) => formatAxis(v, 'ratio'),
        inRange: { color: ['#f0f3ff', '#9fb0f5', '#4f6bed', '#1f2f8f'] },
      },
      series: [{ name: 'Retention', type: 'heatmap', data, label: { show: true, fontSize: 10, formatter: ({ value }: { value: [number, number, number] }) => `${Math.round(value[2] * 100)}%` } }],
    };
  }, [cohorts, grain]);
  // Sixteen labelled columns need some width: on a phone the chart scrolls sideways instead of squeezing.
  return (
    <div style={{ overflowX: 'auto' }}>
      <div style={{ minWidth: 640 }}>
        <Chart id="retention" option={option} height={Math.max(240, cohorts.length * (cohorts.length > 30 ? 16 : 24) + 100)} />
      </div>
    </div>
  );
}

function RetentionTable({ cohorts, grain }: { cohorts: readonly Cohort[]; grain: Grain }) {
  const rows = cohorts.map((c) => {
    const row: Row = { cohort: c.cohort, size: c.size };
    for (const k of OFFSETS) row[`p${k}`] = c.periods.find((p) => p.offset === k)?.rate ?? null;
    return row;
  });
  const columns: Array<Column<Row>> = [
    { key: 'cohort', label: 'Cohort', render: (r) => formatPeriod(String(r.cohort), grain) },
    { key: 'size', label: 'Size', unit: 'count' },
    ...OFFSETS.map((k) => ({ key: `p${k}`, label: `p${k}`, unit: 'ratio' as const })),
  ];
  return <DataTable id="retention" columns={columns} rows={rows} csvName="retention" />;
}

/** The breakdown in the URL: a dimension's name (plan), or its enum value (PLAN) as the API spells it. */
export function readBreakdown(params: URLSearchParams, dimensions: readonly string[]): string | null {
  const raw = params.get('breakdown');
  return raw ? (dimensions.find((d) => d === raw || fieldEnum(d) === raw) ?? null) : null;
}

/** None or one dimension; `reset` lists page options that depend on it (they go back to their defaults). */
export function BreakdownSelect({ dimensions, value, reset = [] }: { dimensions: readonly string[]; value: string | null; reset?: readonly string[] }) {
  // The tenant is an access boundary rather than an analysis dimension (the filters leave it out too).
  const names = [...new Set([...dimensions.filter((d) => d !== 'tenant'), ...(value ? [value] : [])])];
  return (
    <label>
      Breakdown
      <select name="breakdown" value={value ?? ''} onChange={(e) => updateParams({ breakdown: e.target.value || null, ...Object.fromEntries(reset.map((r) => [r, null])) })}>
        <option value="">None</option>
        {names.map((d) => (
          <option key={d} value={d}>
            {label(d)}
          </option>
        ))}
      </select>
    </label>
  );
}
