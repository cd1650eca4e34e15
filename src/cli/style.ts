/** Terminal presentation helpers: ANSI colours (only when wanted) and display width of CJK text. */
import { charWidth } from '../core/width.js';

export interface Style {
  enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/** Colours only when stdout is a TTY, NO_COLOR is unset (or empty) and --no-color was not given. */
export function wantColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: string, close: string) => (s: string) => (enabled && s ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    enabled,
    red: wrap('31', '39'),
    yellow: wrap('33', '39'),
    cyan: wrap('36', '39'),
    green: wrap('32', '39'),
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
  };
}

/** Display width of a string (ANSI escapes ignored). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Pads to a display width (CJK-aware). */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Makes a source line printable: tabs to spaces, control characters to spaces. */
export function printable(s: string): string {
  return s.replace(/\t/g, '    ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
}
