import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { updateParams } from '../state/url';
import { GRAINS, NONE, RANGE_PRESETS, type Grain } from '../state/view';
import { label } from './format';

const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

/** Date range, grain, timezone, week start and dimension filters: every change goes to the URL. */
export function Controls({ grains = GRAINS, defaultGrain, allowTotal = false }: { grains?: readonly Grain[]; defaultGrain: Grain | 'NONE'; allowTotal?: boolean }) {
  const { params } = useApp();
  const { view } = useApp();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set([...ZONES, browserZone, view.timezone])];
  return (
    <div className="controls" role="group" aria-label="Controls">
      <label>
        Range
        <select name="range" value={view.range} onChange={(e) => updateParams(e.target.value === 'custom' ? { range: 'custom', from: view.from, to: view.to } : { range: e.target.value, from: null, to: null })}>
          {RANGE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom</option>
        </select>
      </label>
      {view.range === 'custom' ? (
        <>
          <input type="date" name="from" aria-label="From" value={view.from} max={view.to} onChange={(e) => e.target.value && updateParams({ from: e.target.value }, { replace: true })} />
          <input type="date" name="to" aria-label="To" value={view.to} min={view.from} onChange={(e) => e.target.value && updateParams({ to: e.target.value }, { replace: true })} />
        </>
      ) : (
        <span className="range-text">
          {view.from} – {view.to}
        </span>
      )}
      {grains.length > 1 ? (
        <label>
          Grain
          <select name="grain" value={allowTotal && params.get('grain') === 'NONE' ? 'NONE' : view.grain && grains.includes(view.grain) ? view.grain : defaultGrain} onChange={(e) => updateParams({ grain: e.target.value })}>
            {allowTotal ? <option value="NONE">None (whole range)</option> : null}
            {grains.map((g) => (
              <option key={g} value={g}>
                {label(g)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Timezone
        <select name="tz" value={view.timezone} onChange={(e) => updateParams({ tz: e.target.value === 'UTC' ? null : e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <label>
        Week starts
        <select name="week" value={view.weekStart} onChange={(e) => updateParams({ week: e.target.value === 'MONDAY' ? null : e.target.value })}>
          <option value="MONDAY">Monday</option>
          <option value="SUNDAY">Sunday</option>
        </select>
      </label>
      <Filters />
    </div>
  );
}

function Filters() {
  const { view, catalog } = useApp();
  const [adding, setAdding] = useState<string | null>(null);
  const free = catalog.dimensions.filter((d) => !view.filters.has(d.name) && d.name !== 'tenant');
  return (
    <div className="filters">
      {[...view.filters].map(([name, values]) => (
        <span className="chip" key={name} data-filter={name}>
          {label(name)}: {values.join(', ')}
          <button type="button" aria-label={`Remove filter ${name}`} onClick={() => updateParams({ [`f.${name}`]: null })}>
            ×
          </button>
        </span>
      ))}
      <select name="add-filter" aria-label="Add a filter" value={adding ?? ''} onChange={(e) => setAdding(e.target.value || null)}>
        <option value="">+ Filter</option>
        {free.map((d) => (
          <option key={d.name} value={d.name}>
            {label(d.name)}
          </option>
        ))}
      </select>
      {adding ? <ValuePicker dimension={adding} done={() => setAdding(null)} /> : null}
    </div>
  );
}

/** The values a dimension takes in the range, most events first, to pick from. */
function ValuePicker({ dimension, done }: { dimension: string; done: () => void }) {
  const { view, catalog } = useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const known = catalog.dimensions.some((d) => d.name === dimension);
  const metric = catalog.metrics.find((m) => m.name === 'events')?.dimensions.includes(dimension) ? 'events' : 'newUsers';
  const state = useQuery<{ metrics: { rows: Array<Record<string, string | number | null>> } }>(
    known ? `query Values($timeRange: TimeRange!, $timezone: String) { metrics(timeRange: $timeRange, timezone: $timezone, orderBy: [{field: ${metric === 'events' ? 'EVENTS' : 'NEW_USERS'}, direction: DESC}], limit: 100) { rows { ${dimension} ${metric} } } }` : null,
    { timeRange: { from: view.from, to: view.to }, timezone: view.timezone },
  );
  if (state.status !== 'done') return <span className="muted">{state.status === 'error' ? state.error.message : 'Loading values…'}</span>;
  const values = state.data.metrics.rows.map((r) => (r[dimension] === null ? NONE : String(r[dimension])));
  return (
    <div className="picker" role="dialog" aria-label={`Values of ${dimension}`}>
      {values.map((v) => (
        <label key={v}>
          <input type="checkbox" value={v} checked={chosen.includes(v)} onChange={(e) => setChosen(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))} />
          {v}
        </label>
      ))}
      <button
        type="button"
        disabled={chosen.length === 0}
        onClick={() => {
          updateParams({ [`f.${dimension}`]: chosen });
          done();
        }}
      >
        Apply
      </button>
      <button type="button" className="link" onClick={done}>
        Cancel
      </button>
    </div>
  );
}
