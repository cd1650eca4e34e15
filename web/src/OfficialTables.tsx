/** The three statutory tables in the official layout (from the project's one render model), read-only or as a form. */
import React from 'react';
import { reportModel, type LayoutTable } from '../../src/render/model';
import type { CanonicalReport } from '../../src/render/canonical';
import { describeCell } from '../../src/core/template';

export interface TableProps {
  report: CanonicalReport;
  highlight?: Set<string>;
  bad?: Set<string>;
  corrected?: Set<string>;
  computed?: Set<string>;
  onCellClick?: (key: string) => void;
  /** Form mode: inputs instead of figures. */
  onChange?: (key: string, value: string) => void;
  /** Text typed but not yet a number (kept while typing). */
  drafts?: Record<string, string>;
  only?: ('t2' | 't3' | 't4')[];
}

function Table({ t, p }: { t: LayoutTable; p: TableProps }) {
  return (
    <table className="official" data-table={t.id}>
      <tbody>
        {t.rows.map((row, i) => (
          <tr key={i}>
            {row.cells.map((c, j) => {
              if (c.role !== 'value' || !c.key) {
                return (
                  <td key={j} rowSpan={c.rowSpan} colSpan={c.colSpan} className={c.role}>
                    {c.text}
                  </td>
                );
              }
              const key = c.key;
              const cls = ['value', c.value === null ? 'blank' : '', p.highlight?.has(key) ? 'hl' : '', p.bad?.has(key) ? 'bad' : '', p.corrected?.has(key) ? 'corrected' : ''].filter(Boolean).join(' ');
              return (
                <td
                  key={j}
                  rowSpan={c.rowSpan}
                  colSpan={c.colSpan}
                  className={cls}
                  data-key={key}
                  title={describeCell(key)}
                  onClick={p.onCellClick && !p.onChange ? () => p.onCellClick!(key) : undefined}
                  tabIndex={p.onCellClick && !p.onChange ? 0 : undefined}
                  onKeyDown={p.onCellClick && !p.onChange ? (e) => e.key === 'Enter' && p.onCellClick!(key) : undefined}
                >
                  {p.onChange ? (
                    <input
                      aria-label={describeCell(key)}
                      data-key={key}
                      className={p.computed?.has(key) ? 'computed' : ''}
                      inputMode="decimal"
                      value={p.drafts?.[key] ?? (c.value === null || c.value === undefined ? '' : String(c.value))}
                      onChange={(e) => p.onChange!(key, e.target.value)}
                    />
                  ) : (
                    c.text
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OfficialTables(p: TableProps) {
  const m = reportModel(p.report);
  return (
    <div>
      {m.sections
        .filter((s) => s.table && (!p.only || p.only.includes(s.table.id)))
        .map((s) => (
          <div key={s.key} style={{ marginBottom: 12 }}>
            <div style={{ fontWeight: 600, margin: '4px 0' }}>{s.heading}</div>
            <div style={{ overflowX: 'auto' }}>
              <Table t={s.table!} p={p} />
            </div>
          </div>
        ))}
    </div>
  );
}
