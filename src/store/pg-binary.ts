/**
 * PostgreSQL's binary array format, for the bulk inserts' parameters (a Buffer parameter is sent
 * in binary and read by the server's array_recv). The text array literal it replaces had to be
 * built here (quoting, UTF-8 encoding) and parsed again by the server when it bound the statement:
 * binding the cells' five literals was about a tenth of the server's time per report (measured
 * with log_statement_stats, 3,000 reports), and their text a tenth of the writer's.
 *
 * An array is a header — dimensions (1, or 0 when empty), a has-nulls flag, the element type,
 * then its length and lower bound — followed by its elements, each a 4-byte length (−1 for
 * NULL) and that many bytes: the UTF-8 of a text, a big-endian int4 or float8. Elements are
 * written by PgElements, and the elements of several writers (a batch's reports) are joined
 * under one header by pgArray.
 */

export type PgElementType = 'int' | 'float' | 'text';

const OID: Record<PgElementType, number> = { int: 23, float: 701, text: 25 };

/** Strings up to this long are tried as ASCII, copied by hand (PgElements.text). */
const ASCII_COPY = 96;

/** The elements of one array column, written one after another (no header). */
export class PgElements {
  private buf: Buffer;
  private view: DataView;
  private n = 0;
  count = 0;
  hasNull = false;

  constructor(capacity = 1024) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  private room(bytes: number): void {
    if (this.n + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + bytes));
    this.buf.copy(next, 0, 0, this.n);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  null(): void {
    this.room(4);
    this.view.setInt32(this.n, -1);
    this.n += 4;
    this.count++;
    this.hasNull = true;
  }

  /**
   * The start of a row of COPY's binary format (pg-copy.ts): its number of fields, which follow as
   * elements. Not counted as an element.
   */
  row(fields: number): void {
    this.room(2);
    this.view.setInt16(this.n, fields);
    this.n += 2;
  }

  /** A text element (its UTF-8; a lone surrogate becomes U+FFFD, as the driver encoded text). */
  text(s: string): void {
    // Room for the longest encoding (3 bytes a UTF-16 unit): the native write never cuts it short.
    const len = s.length;
    this.room(4 + len * 3);
    // A short ASCII string (a cell's key, raw token, provenance) copied here: the native write's
    // call costs more than its few bytes.
    if (len <= ASCII_COPY) {
      const buf = this.buf;
      const at = this.n + 4;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at + i] = c;
      }
      if (i === len) {
        this.view.setInt32(this.n, len);
        this.n += 4 + len;
        this.count++;
        return;
      }
    }
    const written = this.buf.write(s, this.n + 4);
    this.view.setInt32(this.n, written);
    this.n += 4 + written;
    this.count++;
  }

  /** A float8 element; a number that is not finite is NULL, and −0 is 0 (as the JSON text stored them). */
  float(v: number): void {
    if (!Number.isFinite(v)) return this.null();
    this.room(12);
    this.view.setInt32(this.n, 8);
    this.view.setFloat64(this.n + 4, v === 0 ? 0 : v);
    this.n += 12;
    this.count++;
  }

  /** An int4 element (refused when not a 32-bit integer, as the server refused its text). */
  int(v: number): void {
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new RangeError(`not an int4: ${v}`);
    this.room(8);
    this.view.setInt32(this.n, 4);
    this.view.setInt32(this.n + 4, v);
    this.n += 8;
    this.count++;
  }

  /**
   * Any value for a column of `type`, as the text literal read it: null and undefined are NULL;
   * a text column takes strings, and numbers and booleans as their JSON text (a number that is
   * not finite is NULL).
   */
  value(type: PgElementType, v: unknown): void {
    if (v === null || v === undefined) return this.null();
    if (type === 'text') {
      if (typeof v === 'string') return this.text(v);
      if (typeof v === 'number' && !Number.isFinite(v)) return this.null();
      return this.text(typeof v === 'number' || typeof v === 'boolean' ? JSON.stringify(v) : String(v));
    }
    const x = typeof v === 'number' ? v : Number(v);
    if (type === 'float') this.float(x);
    else this.int(x);
  }

  /** Empties it for reuse (its buffer kept). */
  reset(): this {
    this.n = 0;
    this.count = 0;
    this.hasNull = false;
    return this;
  }

  /** The bytes written (a copy the size of its content). */
  bytes(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, 0, this.n);
  }
}

/** The elements of a column's values. */
export function pgElements(type: PgElementType, values: readonly unknown[]): PgElements {
  const w = new PgElements(type === 'text' ? 64 + values.length * 16 : 16 + values.length * 12);
  for (const v of values) w.value(type, v);
  return w;
}

/** One binary array of `count` elements of `type`, from element runs written by PgElements (or their bytes). */
export function pgArray(type: PgElementType, count: number, parts: readonly Uint8Array[], hasNull = true): Buffer {
  const head = Buffer.allocUnsafe(count ? 20 : 12);
  head.writeInt32BE(count ? 1 : 0, 0);
  head.writeInt32BE(hasNull ? 1 : 0, 4);
  head.writeUInt32BE(OID[type], 8);
  if (count) {
    head.writeInt32BE(count, 12);
    head.writeInt32BE(1, 16);
  }
  return Buffer.concat([head, ...parts]);
}

/** Rows in COPY's binary format (pg-copy.ts), without header and trailer: `count` rows. */
export interface CopyRows {
  count: number;
  copy: Uint8Array;
}

/**
 * Rows of values as COPY rows, each value written as PgElements.value writes it for its column's
 * type (the same values an array of that type held). `w` is a writer to reuse (its content is copied out).
 */
export function copyRowsOf(types: readonly PgElementType[], rows: readonly (readonly unknown[])[], w = new PgElements(64 + rows.length * types.length * 24)): CopyRows {
  w.reset();
  for (const r of rows) {
    w.row(types.length);
    for (let j = 0; j < types.length; j++) w.value(types[j], r[j]);
  }
  return { count: rows.length, copy: w.bytes() };
}

/**
 * Puts an id into the first field (an int4) of every COPY row, in place, and checks the rows'
 * shape: `count` rows of `fields` fields, nothing left over. Returns the bytes.
 */
export function copyRowsWithId(rows: CopyRows, fields: number, id: number): Uint8Array {
  const b = rows.copy;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  for (let i = 0; i < rows.count; i++) {
    if (p + 10 > b.byteLength || view.getInt16(p) !== fields || view.getInt32(p + 2) !== 4) throw new Error(`COPY rows: row ${i} does not have ${fields} fields, an int4 first`);
    view.setInt32(p + 6, id);
    p += 10;
    for (let f = 1; f < fields; f++) {
      const len = view.getInt32(p);
      p += 4 + Math.max(len, 0);
    }
  }
  if (p !== b.byteLength) throw new Error(`COPY rows: ${b.byteLength - p} bytes left after ${rows.count} rows`);
  return b;
}

/** The values of COPY rows, back (for columns PgElements wrote: text, float or int). */
export function copyRowValues(types: readonly PgElementType[], rows: CopyRows): (string | number | null)[][] {
  const b = rows.copy;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: (string | number | null)[][] = [];
  let p = 0;
  for (let i = 0; i < rows.count; i++) {
    if (view.getInt16(p) !== types.length) throw new Error(`COPY rows: row ${i} does not have ${types.length} fields`);
    p += 2;
    const row: (string | number | null)[] = [];
    for (const type of types) {
      const len = view.getInt32(p);
      p += 4;
      if (len < 0) {
        row.push(null);
        continue;
      }
      row.push(type === 'text' ? buf.toString('utf8', p, p + len) : type === 'float' ? view.getFloat64(p) : view.getInt32(p));
      p += len;
    }
    out.push(row);
  }
  if (p !== b.byteLength) throw new Error(`COPY rows: ${b.byteLength - p} bytes left after ${rows.count} rows`);
  return out;
}
