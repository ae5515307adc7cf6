import { useRef, useState } from 'preact/hooks';
import { CRITICALITIES, humanize, STATUSES, statusMeta } from '../status';
import type { OrgSummary } from '../types';
import { StatusIcon } from './StatusIcon';

export interface Cell {
  status: string;
  criticality: string;
}

/**
 * Organizations by status (rows, worst first) × criticality (columns), as counts. Each cell is
 * a button named for what it counts; arrow keys move between cells (one tab stop for the grid),
 * Enter or Space selects a cell to list its organizations below.
 */
export function HeatMap(props: { organizations: OrgSummary[]; selected: Cell | null; onSelect: (cell: Cell | null) => void }) {
  const counts = new Map<string, number>();
  for (const o of props.organizations) {
    const key = `${o.assurance.status}|${o.criticality}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const count = (s: string, c: string) => counts.get(`${s}|${c}`) ?? 0;
  const max = Math.max(1, ...counts.values());
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);

  const move = (e: KeyboardEvent, r: number, c: number) => {
    const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: [number, number] | null = null;
    if (delta[e.key]) next = [Math.min(Math.max(r + delta[e.key]![0], 0), STATUSES.length - 1), Math.min(Math.max(c + delta[e.key]![1], 0), CRITICALITIES.length - 1)];
    if (e.key === 'Home') next = [r, 0];
    if (e.key === 'End') next = [r, CRITICALITIES.length - 1];
    if (!next) return;
    e.preventDefault();
    setFocus(next);
    table.current?.querySelector<HTMLButtonElement>(`button[data-row="${next[0]}"][data-col="${next[1]}"]`)?.focus();
  };

  return (
    <div class="table-wrap">
      <table class="heatmap" ref={table} data-testid="heatmap">
        <caption>
          Organizations by status and criticality <span class="muted small">(select a cell to list them; arrow keys move)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            {CRITICALITIES.map((c) => (
              <th scope="col" key={c}>
                {humanize(c)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {STATUSES.map((s, r) => {
            const meta = statusMeta(s);
            const rowTotal = CRITICALITIES.reduce((n, c) => n + count(s, c), 0);
            return (
              <tr key={s} data-status={s}>
                <th scope="row" class="heatmap-status">
                  <StatusIcon status={s} /> {meta.label}
                </th>
                {CRITICALITIES.map((c, col) => {
                  const n = count(s, c);
                  const selected = props.selected?.status === s && props.selected.criticality === c;
                  return (
                    <td key={c}>
                      <button
                        type="button"
                        class={`heat-cell${n ? '' : ' heat-cell--empty'}${selected ? ' heat-cell--selected' : ''}`}
                        style={n ? { background: meta.tint, boxShadow: `inset 0 -${4 + Math.round((n / max) * 14)}px 0 ${meta.color}` } : undefined}
                        aria-label={`${n} organization${n === 1 ? '' : 's'}: ${meta.label}, ${humanize(c)} criticality`}
                        aria-pressed={selected}
                        tabIndex={focus[0] === r && focus[1] === col ? 0 : -1}
                        data-row={r}
                        data-col={col}
                        data-status={s}
                        data-criticality={c}
                        data-count={n}
                        onClick={() => {
                          setFocus([r, col]);
                          props.onSelect(selected ? null : { status: s, criticality: c });
                        }}
                        onKeyDown={(e) => move(e, r, col)}
                      >
                        {n}
                      </button>
                    </td>
                  );
                })}
                <td class="heat-total" data-testid="status-total" data-status={s} data-count={rowTotal}>
                  {rowTotal}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {CRITICALITIES.map((c) => (
              <td key={c} class="heat-total" data-testid="criticality-total" data-criticality={c} data-count={props.organizations.filter((o) => o.criticality === c).length}>
                {props.organizations.filter((o) => o.criticality === c).length}
              </td>
            ))}
            <td class="heat-total" data-testid="grand-total" data-count={props.organizations.length}>
              {props.organizations.length}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
