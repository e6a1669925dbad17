import { useMemo } from 'react';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatPeriod, formatValue, label } from '../components/format';
import { DataTable, type Column } from '../components/Table';
import { Loaded, Panel } from '../components/States';
import { navigate } from '../state/url';
import { timeArgs, whereFor, type Grain } from '../state/view';
import { axisLabelFor } from './shared';

const GRAINS: readonly Grain[] = ['DAY', 'WEEK', 'MONTH'];
/** Active states go up, inactive ones down: the chart reads as gains above the axis and losses below. */
const ACTIVE = ['new', 'retained', 'resurrected'] as const;
const INACTIVE = ['dormant', 'churned'] as const;
const STATES = [...ACTIVE, ...INACTIVE] as const;
type State = (typeof STATES)[number];
const COLORS: Record<State, string> = { new: '#22a06b', retained: '#4f6bed', resurrected: '#0ea5b7', dormant: '#f5a524', churned: '#e5484d' };

const LIFECYCLE = `query Lifecycle($timeRange: TimeRange!, $grain: TimeGrain, $timezone: String, $weekStart: Weekday, $where: DimensionFilter) {
  lifecycle(timeRange: $timeRange, grain: $grain, timezone: $timezone, weekStart: $weekStart, where: $where) { periods { period new retained resurrected dormant churned } }
}`;

type Period = { period: string } & Record<State, number>;
interface LifecycleAnswer {
  lifecycle: { periods: Period[] };
}

/** Users per period by lifecycle state (SPEC §6): new, retained and resurrected above the axis, dormant and churned below. */
export function LifecyclePage() {
  const { view } = useApp();
  const grain = view.grain && GRAINS.includes(view.grain) ? view.grain : 'WEEK';
  const state = useQuery<LifecycleAnswer>(LIFECYCLE, { ...timeArgs(view), grain, where: whereFor(view) });
  const empty = (d: LifecycleAnswer) => d.lifecycle.periods.every((p) => STATES.every((s) => p[s] === 0));
  return (
    <>
      <Controls grains={GRAINS} defaultGrain="WEEK" />
      <div className="grid">
        <Panel title="Users by lifecycle state" wide>
          <Loaded state={state} isEmpty={empty}>
            {(data) => <LifecycleChart periods={data.lifecycle.periods} grain={grain} />}
          </Loaded>
        </Panel>
        <Panel title="Lifecycle by period" wide>
          <Loaded state={state} height={160} isEmpty={empty}>
            {(data) => <LifecycleTable periods={data.lifecycle.periods} grain={grain} />}
          </Loaded>
        </Panel>
      </div>
    </>
  );
}

function LifecycleChart({ periods, grain }: { periods: readonly Period[]; grain: Grain }) {
  const { params } = useApp();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(Math.abs(v)) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: periods.map((p) => p.period), axisLabel: { formatter: axisLabelFor(grain) } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(Math.abs(v)) } },
      series: STATES.map((s) => ({
        id: s,
        name: label(s),
        type: 'bar',
        stack: 'users',
        itemStyle: { color: COLORS[s] },
        data: periods.map((p) => (isInactive(s) ? -p[s] : p[s])),
      })),
    }),
    [periods, grain],
  );
  // The users behind a bar: active ones for the states above the axis, inactive ones below.
  const onClick = (p: { seriesName?: string }) => {
    const state = STATES.find((s) => label(s) === p.seriesName);
    if (!state) return;
    const next = new URLSearchParams(params);
    next.set('status', isInactive(state) ? 'INACTIVE' : 'ACTIVE');
    navigate('users', next);
  };
  return <Chart id="lifecycle" option={option} onClick={onClick} />;
}

function isInactive(state: State): boolean {
  return (INACTIVE as readonly string[]).includes(state);
}

function LifecycleTable({ periods, grain }: { periods: Period[]; grain: Grain }) {
  const columns: Array<Column<Period>> = [
    { key: 'period', label: 'Period', render: (r) => formatPeriod(r.period, grain) },
    ...STATES.map((s) => ({ key: s, label: label(s), unit: 'count' as const })),
  ];
  return <DataTable id="lifecycle" columns={columns} rows={periods} csvName="lifecycle" />;
}
