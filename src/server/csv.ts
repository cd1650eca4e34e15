export { parseCsv } from '../core/csv.js';

export function toCsv(rows: string[][]): string {
  // A leading = + - @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
  const cell = (s: string) => {
    const v = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
