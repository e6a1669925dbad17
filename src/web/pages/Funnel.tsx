import { useMemo, useState, useSyncExternalStore } from 'react';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatValue, label } from '../components/format';
import { DataTable, type Column } from '../components/Table';
import { Empty, ErrorBox, Loaded, Panel, Skeleton } from '../components/States';
import { updateParams } from '../state/url';
import { NONE, whereFor } from '../state/view';
import { BreakdownSelect, readBreakdown } from './Retention';
import { fieldEnum, PALETTE } from './shared';

const DEFAULT_STEPS = ['login', 'feature_use', 'purchase'];
const DEFAULT_WINDOW = 7;
const MAX_WINDOW = 365;
const MIN_STEPS = 2;
const MAX_STEPS = 10;
const NARROW = '(max-width: 820px)';

const EVENT_TYPES = `query EventTypes($timeRange: TimeRange!, $timezone: String) {
  metrics(timeRange: $timeRange, timezone: $timezone, orderBy: [{field: EVENTS, direction: DESC}], limit: 100) { rows { eventType events } }
}`;
const FUNNEL = `query Funnel($steps: [FunnelStep!]!, $timeRange: TimeRange!, $windowDays: Int, $timezone: String, $where: DimensionFilter, $breakdown: Dimension) {
  funnel(steps: $steps, timeRange: $timeRange, windowDays: $windowDays, timezone: $timezone, where: $where, breakdown: $breakdown) {
    steps { index eventType breakdown users conversionRate stepConversionRate }
  }
}`;

interface EventTypesAnswer {
  metrics: { rows: Array<{ eventType: string | null; events: number | null }> };
}
type Step = { index: number; eventType: string; breakdown: string | null; users: number; conversionRate: number | null; stepConversionRate: number | null };
interface FunnelAnswer {
  funnel: { steps: Step[] };
}

/** An ordered funnel of event types (SPEC §7): users reaching each step within the window, with the conversion from step 1. */
export function FunnelPage() {
  const { view, params, catalog } = useApp();
  const types = useQuery<EventTypesAnswer>(EVENT_TYPES, { timeRange: { from: view.from, to: view.to }, timezone: view.timezone });
  const eventTypes = types.status === 'done' ? types.data.metrics.rows.flatMap((r) => (r.eventType === null ? [] : [r.eventType])) : null;
  const steps = readSteps(params, eventTypes);
  const windowDays = readWindow(params);
  const dimensions = catalog.dimensions.map((d) => d.name);
  const breakdown = readBreakdown(params, dimensions);
  const state = useQuery<FunnelAnswer>(steps && steps.length ? FUNNEL : null, {
    steps: (steps ?? []).map((eventType) => ({ eventType })),
    timeRange: { from: view.from, to: view.to },
    windowDays,
    timezone: view.timezone,
    where: whereFor(view),
    breakdown: breakdown ? fieldEnum(breakdown) : null,
  });
  return (
    <>
      <Controls grains={['DAY']} defaultGrain="DAY" />
      <div className="page-options" role="group" aria-label="Funnel options">
        {steps ? <StepsEditor steps={steps} eventTypes={eventTypes ?? []} /> : null}
        <WindowInput value={windowDays} />
        {/* The step-1 event's type is the first step itself: no use as a breakdown. */}
        <BreakdownSelect dimensions={dimensions.filter((d) => d !== 'eventType')} value={breakdown} />
      </div>
      <div className="grid">
        <Panel title={`Funnel, ${windowDays}-day window`} wide>
          {types.status === 'error' ? <ErrorBox error={types.error} /> : null}
          {steps === null && types.status === 'loading' ? <Skeleton /> : null}
          {steps !== null && steps.length === 0 ? <Empty>No events in this range.</Empty> : null}
          {steps && steps.length ? (
            <Loaded state={state} isEmpty={(d) => d.funnel.steps.every((s) => s.users === 0)}>
              {(data) => <FunnelChart steps={data.funnel.steps} split={breakdown !== null} />}
            </Loaded>
          ) : null}
        </Panel>
        {steps && steps.length ? (
          <Panel title="Funnel steps" wide>
            <Loaded state={state} height={160} isEmpty={(d) => d.funnel.steps.every((s) => s.users === 0)}>
              {(data) => <FunnelTable steps={data.funnel.steps} breakdown={breakdown} />}
            </Loaded>
          </Panel>
        ) : null}
      </div>
    </>
  );
}

/** The steps in the URL; without any, the default steps that exist (topped up with the most frequent types to make two). */
function readSteps(params: URLSearchParams, eventTypes: readonly string[] | null): string[] | null {
  const chosen = params.getAll('step').filter(Boolean);
  if (chosen.length) return chosen.slice(0, MAX_STEPS);
  return eventTypes ? defaultSteps(eventTypes) : null;
}

function defaultSteps(eventTypes: readonly string[]): string[] {
  const kept = DEFAULT_STEPS.filter((s) => eventTypes.includes(s));
  for (const t of eventTypes) if (kept.length < MIN_STEPS && !kept.includes(t)) kept.push(t);
  return kept;
}

function readWindow(params: URLSearchParams): number {
  const n = Number(params.get('window') ?? DEFAULT_WINDOW);
  return Number.isInteger(n) && n >= 1 && n <= MAX_WINDOW ? n : DEFAULT_WINDOW;
}

/** While the event types load (steps from the URL), each select offers its own step only. */
function StepsEditor({ steps, eventTypes }: { steps: readonly string[]; eventTypes: readonly string[] }) {
  const save = (next: string[]) => {
    const defaults = defaultSteps(eventTypes);
    updateParams({ step: next.join('\n') === defaults.join('\n') ? null : next });
  };
  return (
    <>
      {steps.map((step, i) => (
        <span key={i} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
          <label>
            {i + 1}.
            <select name={`step-${i + 1}`} aria-label={`Step ${i + 1}`} value={step} onChange={(e) => save(steps.map((s, j) => (j === i ? e.target.value : s)))}>
              {/* A step from a shared link may not occur in this range: keep it choosable. */}
              {[...new Set([...eventTypes, step])].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {steps.length > MIN_STEPS ? (
            <button type="button" className="link" aria-label={`Remove step ${i + 1}`} onClick={() => save(steps.filter((_, j) => j !== i))}>
              ×
            </button>
          ) : null}
        </span>
      ))}
      {steps.length < MAX_STEPS && eventTypes.length ? (
        <button type="button" className="link" name="add-step" onClick={() => save([...steps, eventTypes.find((t) => !steps.includes(t)) ?? eventTypes[0] ?? steps[0] ?? ''])}>
          + Add step
        </button>
      ) : null}
    </>
  );
}

/** A draft while typing (an empty field is not a window); the URL changes only on a valid number. */
function WindowInput({ value }: { value: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label>
      Window (days)
      <input
        type="number"
        name="window"
        min={1}
        max={MAX_WINDOW}
        style={{ width: 72 }}
        value={draft ?? String(value)}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_WINDOW) updateParams({ window: n === DEFAULT_WINDOW ? null : String(n) }, { replace: true });
        }}
      />
    </label>
  );
}

function FunnelChart({ steps, split }: { steps: readonly Step[]; split: boolean }) {
  const narrow = useNarrow();
  const option = useMemo(() => {
    const indexes = [...new Set(steps.map((s) => s.index))].sort((a, b) => a - b);
    const groups = split ? [...new Set(steps.map((s) => s.breakdown ?? NONE))] : ['Users'];
    // Bar labels need about 40 px a bar: with more bars than fit they go, the tooltip and table keep the numbers.
    const labelled = indexes.length * groups.length <= (narrow ? 8 : 27);
    // On a phone, more than three step names only fit slanted.
    const slanted = narrow && indexes.length > 3;
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(v) },
      legend: { top: 0, type: 'scroll', show: split },
      grid: { left: 56, right: 16, top: split ? 32 : 24, bottom: slanted ? 72 : 40 },
      xAxis: {
        type: 'category',
        data: indexes.map((i) => `${i}. ${steps.find((s) => s.index === i)?.eventType ?? ''}`),
        axisLabel: slanted ? { interval: 0, rotate: 40 } : { interval: 0, lineHeight: 14, formatter: (v: string) => v.replace('. ', '.\n') },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v) } },
      series: groups.map((group) => {
        const rows = indexes.map((i) => steps.find((s) => s.index === i && (!split || (s.breakdown ?? NONE) === group)));
        return {
          name: group,
          type: 'bar',
          data: rows.map((r) => r?.users ?? 0),
          // Users, and the share of step 1 that got this far.
          label: {
            show: labelled,
            position: 'top',
            lineHeight: 15,
            formatter: ({ dataIndex }: { dataIndex: number }) => `${formatValue(rows[dataIndex]?.users)}\n${formatValue(rows[dataIndex]?.conversionRate, 'ratio')}`,
          },
          labelLayout: { hideOverlap: true },
        };
      }),
    };
  }, [steps, split, narrow]);
  return <Chart id="funnel" option={option} />;
}

/** True below the stylesheet's phone breakpoint: the chart option changes with it. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

function FunnelTable({ steps, breakdown }: { steps: Step[]; breakdown: string | null }) {
  const columns: Array<Column<Step>> = [
    { key: 'index', label: 'Step' },
    { key: 'eventType', label: 'Event type' },
    ...(breakdown ? [{ key: 'breakdown', label: label(breakdown) }] : []),
    { key: 'users', label: 'Users', unit: 'count' },
    { key: 'conversionRate', label: 'From step 1', unit: 'ratio' },
    { key: 'stepConversionRate', label: 'From previous step', unit: 'ratio' },
  ];
  return <DataTable id="funnel" columns={columns} rows={steps} csvName="funnel" />;
}
