import { useMemo } from 'react';
import { useQuery } from '../api/use-query';
import { Chart } from '../components/Chart';
import { formatValue, label } from '../components/format';
import { Empty, Loaded, Panel } from '../components/States';
import { DataTable, type Column } from '../components/Table';

interface TestResult {
  name: string;
  kind: string;
  model: string | null;
  column: string | null;
  severity: string;
  status: string;
  failures: number | null;
  sample: Array<Record<string, unknown>>;
  message: string | null;
  checkedAt: string;
}
interface RejectGroup {
  kind: string;
  source: string;
  code: string;
  rows: number;
  example: string;
  lastRejectedAt: string;
}
interface QualityAnswer {
  dataQuality: {
    summary: { total: number; passed: number; failed: number; warned: number; errored: number; lastRunAt: string | null };
    tests: TestResult[];
    rejects: RejectGroup[];
  };
}

const QUALITY = `query DataQuality {
  dataQuality {
    summary { total passed failed warned errored lastRunAt }
    tests { name kind model column severity status failures sample message checkedAt }
    rejects { kind source code rows example lastRejectedAt }
  }
}`;

const STATUS_COLORS: Record<string, string> = { passed: '#22a06b', warned: '#f5a524', failed: '#e5484d', errored: '#8e4ec6' };

/** The data tests' latest results (`pulse check`) and the rows `pulse ingest` refused. */
export function DataQualityPage() {
  const state = useQuery<QualityAnswer>(QUALITY);
  return (
    <Loaded state={state}>
      {(data) => <Report quality={data.dataQuality} />}
    </Loaded>
  );
}

function Report({ quality }: { quality: QualityAnswer['dataQuality'] }) {
  const { summary } = quality;
  const chart = useMemo(() => {
    const statuses = ['passed', 'warned', 'failed', 'errored'] as const;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 80, right: 32, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: statuses.map((s) => label(s)) },
      series: [{ name: 'Tests', type: 'bar', data: statuses.map((s) => ({ value: summary[s], itemStyle: { color: STATUS_COLORS[s] } })), label: { show: true, position: 'right' } }],
    };
  }, [summary]);
  const testColumns: Array<Column<TestResult & Record<string, unknown>>> = [
    { key: 'status', label: 'Status', render: (r) => <span className={`badge ${r.status.toLowerCase()}`}>{r.status}</span> },
    { key: 'name', label: 'Test' },
    { key: 'kind', label: 'Kind', render: (r) => label(r.kind) },
    { key: 'model', label: 'Model', render: (r) => r.model ?? '–' },
    { key: 'column', label: 'Column', render: (r) => r.column ?? '–' },
    { key: 'severity', label: 'Severity', render: (r) => label(r.severity) },
    { key: 'failures', label: 'Failing rows', unit: 'count' },
    { key: 'sample', label: 'Sample', render: (r) => (r.message ? r.message : r.sample.length ? <code>{JSON.stringify(r.sample[0])}</code> : '–') },
  ];
  const rejectColumns: Array<Column<RejectGroup & Record<string, unknown>>> = [
    { key: 'kind', label: 'File kind' },
    { key: 'source', label: 'Source' },
    { key: 'code', label: 'Reason' },
    { key: 'rows', label: 'Rows', unit: 'count' },
    { key: 'example', label: 'Example' },
    { key: 'lastRejectedAt', label: 'Last', render: (r) => r.lastRejectedAt.slice(0, 16).replace('T', ' ') },
  ];
  const rejected = quality.rejects.reduce((sum, r) => sum + r.rows, 0);
  return (
    <>
      <div className="kpis">
        {(['total', 'passed', 'warned', 'failed', 'errored'] as const).map((k) => (
          <div className="kpi" key={k} data-kpi={k}>
            <div className="kpi-label">{k === 'total' ? 'Data tests' : label(k)}</div>
            <div className="kpi-value" data-value={summary[k]}>
              {formatValue(summary[k])}
            </div>
          </div>
        ))}
        <div className="kpi" data-kpi="rejected">
          <div className="kpi-label">Rejected rows</div>
          <div className="kpi-value" data-value={rejected}>
            {formatValue(rejected)}
          </div>
        </div>
      </div>
      <div className="grid">
        <Panel title={`Data tests${summary.lastRunAt ? ` · last run ${summary.lastRunAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`}>
          {summary.total ? <Chart id="tests-by-status" option={chart} height={180} /> : <Empty>No data test has run yet: run `npx pulse check`.</Empty>}
        </Panel>
        <Panel title="Ingest rejects">
          {quality.rejects.length ? (
            <p className="muted">
              {formatValue(rejected)} rows refused by the last loads, in {quality.rejects.length} groups; each load keeps its own (`pulse ingest` re-runs replace them).
            </p>
          ) : (
            <Empty>No rejected rows: every loaded row passed validation.</Empty>
          )}
        </Panel>
        <Panel title="Results" wide>
          {quality.tests.length ? <DataTable id="data-tests" columns={testColumns} rows={quality.tests as Array<TestResult & Record<string, unknown>>} csvName="data-tests" /> : <Empty>No results.</Empty>}
        </Panel>
        {quality.rejects.length ? (
          <Panel title="Rejected rows by file and reason" wide>
            <DataTable id="rejects" columns={rejectColumns} rows={quality.rejects as Array<RejectGroup & Record<string, unknown>>} csvName="rejects" />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
