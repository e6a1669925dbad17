import { useMemo, useState } from 'react';
import { useQuery } from '../api/use-query';
import { reachableBy, useApp } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatAxis, formatPeriod, label, unitOf } from '../components/format';
import { Empty, Loaded, Panel, RowLimitNote } from '../components/States';
import { DataTable } from '../components/Table';
import { updateParams } from '../state/url';
import { whereFor, type GlobalView } from '../state/view';
import { EnumValue, literal } from './graphql-literal';
import { axisLabelFor, PALETTE, type MetricRows } from './shared';

/** Builds a `metrics` query from the catalog: metrics, dimensions, grain and filters; shows the chart, the table, the CSV and the GraphQL text. */
export function ExplorerPage() {
  const { catalog, params, view } = useApp();
  const known = new Set(catalog.metrics.map((m) => m.name));
  const chosen = params.getAll('m').filter((m) => known.has(m));
  const metrics = chosen.length ? chosen : ['activeUsers'];
  const reachable = reachableBy(catalog, metrics);
  const dimensions = params.getAll('d').filter((d) => reachable.has(d));
  const grain = params.get('grain') === 'NONE' ? null : (view.grain ?? 'DAY');
  const document = useMemo(() => exploreDocument(view, metrics, dimensions, grain, reachable), [view, metrics.join(), dimensions.join(), grain]);
  const state = useQuery<MetricRows>(document);
  const columns = [...(grain ? ['period'] : []), ...dimensions, ...metrics];
  return (
    <>
      <Controls defaultGrain="DAY" allowTotal />
      <div className="explorer">
        <Panel title="Metrics">
          <div className="checklist" role="group" aria-label="Metrics">
            {catalog.metrics.map((m) => (
              <label key={m.name} title={m.description}>
                <input type="checkbox" name="metric" value={m.name} checked={metrics.includes(m.name)} onChange={(e) => updateParams({ m: e.target.checked ? [...metrics, m.name] : metrics.filter((x) => x !== m.name) })} />
                {label(m.name)}
              </label>
            ))}
          </div>
        </Panel>
        <Panel title="Group by">
          <div className="checklist" role="group" aria-label="Dimensions">
            {catalog.dimensions.map((d) => (
              <label key={d.name} title={reachable.has(d.name) ? d.description : `Not reachable by ${metrics.filter((m) => !catalog.metrics.find((c) => c.name === m)?.dimensions.includes(d.name)).map(label).join(', ')}`}>
                <input
                  type="checkbox"
                  name="dimension"
                  value={d.name}
                  disabled={!reachable.has(d.name)}
                  checked={dimensions.includes(d.name)}
                  onChange={(e) => updateParams({ d: e.target.checked ? [...dimensions, d.name] : dimensions.filter((x) => x !== d.name) })}
                />
                {label(d.name)}
              </label>
            ))}
          </div>
        </Panel>
      </div>
      <div className="grid">
        <Panel title="Result" wide>
          <Loaded state={state} isEmpty={(d) => d.metrics.rows.length === 0}>
            {(data) => (
              <>
                <RowLimitNote rows={data.metrics.rows.length} />
                <ExplorerChart rows={data.metrics.rows} metrics={metrics} dimensions={dimensions} grain={grain} />
              </>
            )}
          </Loaded>
        </Panel>
        <Panel title="GraphQL" wide actions={<CopyButton text={document} />}>
          <pre className="code" data-graphql>
            {document}
          </pre>
        </Panel>
        <Panel title="Table" wide>
          <Loaded state={state} isEmpty={(d) => d.metrics.rows.length === 0}>
            {(data) => (
              <>
                <p className="muted small">
                  {data.metrics.rows.length} rows · from {data.metrics.meta.source}
                  {data.metrics.meta.cached ? ' (cached)' : ''}
                </p>
                <DataTable id="explorer" csvName="pulse-metrics" rows={data.metrics.rows} columns={columns.map((c) => ({ key: c, label: c === 'period' ? 'Period' : label(c), unit: metrics.includes(c) ? unitOf(c) : undefined, render: c === 'period' ? (r: Record<string, unknown>) => formatPeriod(r.period as string, grain) : undefined }))} />
              </>
            )}
          </Loaded>
        </Panel>
      </div>
    </>
  );
}

/** The document the Explorer runs, with every argument inline: what is shown is exactly what ran. */
export function exploreDocument(view: GlobalView, metrics: readonly string[], dimensions: readonly string[], grain: string | null, reachable: ReadonlySet<string>): string {
  const where = whereFor(view, reachable);
  const args = [
    `timeRange: ${literal({ from: view.from, to: view.to })}`,
    ...(grain ? [`grain: ${grain}`] : []),
    ...(view.timezone !== 'UTC' ? [`timezone: ${literal(view.timezone)}`] : []),
    ...(view.weekStart !== 'MONDAY' ? [`weekStart: ${literal(new EnumValue(view.weekStart))}`] : []),
    ...(where ? [`where: ${literal(where)}`] : []),
  ];
  const fields = [...(grain ? ['period'] : []), ...dimensions, ...metrics].join(' ');
  return `{\n  metrics(\n    ${args.join('\n    ')}\n  ) {\n    rows { ${fields} }\n    meta { source cached }\n  }\n}\n`;
}

function ExplorerChart({ rows, metrics, dimensions, grain }: { rows: MetricRows['metrics']['rows']; metrics: readonly string[]; dimensions: readonly string[]; grain: string | null }) {
  const option = useMemo(() => {
    const group = (r: Record<string, unknown>) => (dimensions.length ? dimensions.map((d) => (r[d] === null ? '(none)' : String(r[d]))).join(' · ') : '');
    // The first metric on the left axis, the others on the right one: DAU and sessions per user differ by 100×.
    const axis = (m: string) => ({ type: 'value', axisLabel: { formatter: (v: number) => formatAxis(v, unitOf(m)) } });
    const yAxis = metrics.length > 1 ? [axis(metrics[0] ?? ''), { ...axis(metrics[1] ?? ''), splitLine: { show: false } }] : axis(metrics[0] ?? '');
    const onAxis = (m: string) => (metrics.indexOf(m) > 0 ? 1 : 0);
    const base = { color: PALETTE, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 56, right: metrics.length > 1 ? 56 : 16, top: 32, bottom: 40 } };
    if (!grain) {
      // One bar per group, one series per metric.
      const groups = rows.map(group);
      return {
        ...base,
        xAxis: { type: 'category', data: groups.map((g) => g || 'All'), axisLabel: { rotate: groups.length > 8 ? 30 : 0 } },
        yAxis,
        series: metrics.map((m) => ({ name: label(m), type: 'bar', yAxisIndex: onAxis(m), data: rows.map((r) => r[m]) })),
      };
    }
    // One line per metric and group; the 10 largest groups of the first metric.
    const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(group(r), (totals.get(group(r)) ?? 0) + Number(r[metrics[0] ?? ''] ?? 0));
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([g]) => g);
    const series = metrics.flatMap((m) =>
      top.map((g) => ({
        name: [label(m), g].filter(Boolean).join(' · '),
        type: 'line',
        yAxisIndex: onAxis(m),
        showSymbol: periods.length < 40,
        data: periods.map((p) => rows.find((r) => String(r.period) === p && group(r) === g)?.[m] ?? null),
      })),
    );
    return {
      ...base,
      xAxis: { type: 'category', data: periods, axisLabel: { formatter: axisLabelFor(grain as never) } },
      yAxis,
      series,
    };
  }, [rows, metrics, dimensions, grain]);
  if (rows.length === 0) return <Empty />;
  return <Chart id="explorer" option={option} />;
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="link"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        setTimeout(() => setCopied(false), 1_500);
      }}
    >
      {copied ? 'Copied' : 'Copy GraphQL'}
    </button>
  );
}
