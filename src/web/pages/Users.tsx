import { useMemo, useState } from 'react';
import { useQuery } from '../api/use-query';
import { useApp, userDimensions } from '../app-context';
import { Chart } from '../components/Chart';
import { Controls } from '../components/Controls';
import { formatValue, label } from '../components/format';
import { Loaded, Panel } from '../components/States';
import { DataTable, type Column } from '../components/Table';
import { updateParams } from '../state/url';
import { rangeEnd, whereFor } from '../state/view';
import { PALETTE } from './shared';

const STATUSES = ['ACTIVE', 'INACTIVE', 'NEVER_ACTIVE'] as const;
const ORDERS = ['LAST_ACTIVE_AT', 'SIGNUP_AT', 'TOTAL_EVENTS', 'DAYS_SINCE_LAST_ACTIVE', 'USER_ID', 'COUNTRY', 'PLAN'] as const;
const PAGE_SIZE = 50;

interface UserNode {
  userId: string;
  signupAt: string;
  country: string | null;
  plan: string | null;
  acquisitionSource: string | null;
  totalEvents: number;
  lastActiveAt: string | null;
  daysSinceLastActive: number | null;
  status: string;
}

interface UsersAnswer {
  users: { totalCount: number; edges: Array<{ cursor: string; node: UserNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const USERS = `query Users($asOf: DateTime, $status: UserStatus, $where: DimensionFilter, $first: Int, $after: String, $orderBy: UserOrder, $timezone: String) {
  users(asOf: $asOf, status: $status, where: $where, first: $first, after: $after, orderBy: $orderBy, timezone: $timezone) {
    totalCount
    edges { cursor node { userId signupAt country plan acquisitionSource totalEvents lastActiveAt daysSinceLastActive status } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BY_STATUS = `query UsersByStatus($asOf: DateTime, $where: DimensionFilter, $timezone: String) {
  ${STATUSES.map((s) => `${s.toLowerCase()}: users(asOf: $asOf, status: ${s}, where: $where, first: 1, timezone: $timezone) { totalCount }`).join('\n  ')}
}`;

/** The users behind the charts, as of the end of the range: filters on user dimensions, a status, an order, and pages. */
export function UsersPage() {
  const { view, params, catalog } = useApp();
  const userDims = new Set(userDimensions(catalog));
  const skipped = [...view.filters.keys()].filter((d) => !userDims.has(d));
  const status = STATUSES.find((s) => s === params.get('status')) ?? null;
  const order = ORDERS.find((o) => o === params.get('order')) ?? 'LAST_ACTIVE_AT';
  const direction = params.get('dir') === 'ASC' ? 'ASC' : 'DESC';
  // The end of the range's last day, in its timezone: later signups and events do not exist for the list.
  const asOf = rangeEnd(view);
  const where = whereFor(view, userDims);
  // The cursors of the pages seen, for the filters they were read with: other filters start again at page 1.
  const filterKey = JSON.stringify([asOf, where, status, order, direction, view.timezone]);
  const [paging, setPaging] = useState<{ key: string; cursors: Array<string | null> }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const setCursors = (next: Array<string | null>) => setPaging({ key: filterKey, cursors: next });
  const after = cursors[cursors.length - 1] ?? null;
  const list = useQuery<UsersAnswer>(USERS, { asOf, status, where, first: PAGE_SIZE, after, orderBy: { field: order, direction }, timezone: view.timezone });
  const counts = useQuery<Record<string, { totalCount: number }>>(BY_STATUS, { asOf, where, timezone: view.timezone });
  const statusChart = useMemo(() => {
    if (counts.status !== 'done') return null;
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 110, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: STATUSES.map((s) => label(s)) },
      series: [{ name: 'Users', type: 'bar', data: STATUSES.map((s) => counts.data[s.toLowerCase()]?.totalCount ?? 0), label: { show: true, position: 'right', formatter: (p: { value: number }) => formatValue(p.value) } }],
    };
  }, [counts]);
  const columns: Array<Column<UserNode & Record<string, unknown>>> = [
    { key: 'userId', label: 'User' },
    { key: 'signupAt', label: 'Signed up', render: (r) => r.signupAt.slice(0, 10) },
    { key: 'country', label: 'Country' },
    { key: 'plan', label: 'Plan' },
    { key: 'acquisitionSource', label: 'Source' },
    { key: 'totalEvents', label: 'Events', unit: 'count' },
    { key: 'lastActiveAt', label: 'Last active', render: (r) => (r.lastActiveAt ? r.lastActiveAt.slice(0, 16).replace('T', ' ') : '–') },
    { key: 'daysSinceLastActive', label: 'Days since active', unit: 'count' },
    { key: 'status', label: 'Status', render: (r) => <span className={`badge ${r.status.toLowerCase()}`}>{label(r.status)}</span> },
  ];
  return (
    <>
      <Controls grains={[]} defaultGrain="DAY" />
      <div className="page-options">
        <label>
          Status
          <select name="status" value={status ?? ''} onChange={(e) => updateParams({ status: e.target.value || null })}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order by
          <select name="order" value={order} onChange={(e) => updateParams({ order: e.target.value === 'LAST_ACTIVE_AT' ? null : e.target.value })}>
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {label(o)}
              </option>
            ))}
          </select>
          <select name="dir" value={direction} onChange={(e) => updateParams({ dir: e.target.value === 'DESC' ? null : e.target.value })}>
            <option value="DESC">descending</option>
            <option value="ASC">ascending</option>
          </select>
        </label>
        <span className="muted">As of the end of {view.to} ({view.timezone}); active = an event in the 30 days before.</span>
        {skipped.length ? <span className="muted">Filter on {skipped.map(label).join(', ')} does not apply to users (an event dimension).</span> : null}
      </div>
      <div className="grid">
        <Panel title="Users by status">
          <Loaded state={counts} height={160}>
            {() => (statusChart ? <Chart id="users-by-status" option={statusChart} height={160} onClick={(p) => updateParams({ status: STATUSES[p.dataIndex] ?? null })} /> : null)}
          </Loaded>
        </Panel>
        <Panel
          title={list.status === 'done' ? `${formatValue(list.data.users.totalCount)} users${status ? ` · ${label(status)}` : ''}` : 'Users'}
          wide
          actions={
            <div className="pager">
              <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <span className="muted">Page {cursors.length}</span>
              <button
                type="button"
                disabled={list.status !== 'done' || !list.data.users.pageInfo.hasNextPage}
                onClick={() => list.status === 'done' && setCursors([...cursors, list.data.users.pageInfo.endCursor])}
              >
                Next
              </button>
            </div>
          }
        >
          <Loaded state={list} isEmpty={(d) => d.users.edges.length === 0}>
            {(data) => <DataTable id="users" columns={columns} rows={data.users.edges.map((e) => e.node as UserNode & Record<string, unknown>)} csvName="users" />}
          </Loaded>
        </Panel>
      </div>
    </>
  );
}
