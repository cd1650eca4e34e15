/**
 * An ingest into PostgreSQL keeps what the history rules read of the reports it writes (the parse
 * processes make it: ParsedFile.history) and its history checks take their cells and prose from
 * there instead of reading them back from the server. That must be what the store gives back,
 * and the findings must be those of checks that read everything from the store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_READS } from '../../src/check/history/index.js';
import { generateReports } from '../../src/dataset/generate.js';
import { WrittenViews } from '../../src/dataset/history.js';
import { ingest } from '../../src/dataset/ingest.js';
import { InlineParser } from '../../src/dataset/pool.js';
import { openStore, type Store } from '../../src/store/db.js';
import { historyCells, historyDataOf, proseAsCompared, TEXT_SECTIONS, type ParsedFile } from '../../src/store/parsed.js';
import { comparedProse } from '../../src/check/history/copied-report.js';
import { normaliseProse, proseOf, proseShingles } from '../../src/core/similarity.js';
import { loadReports } from '../../src/store/queries.js';
import { REAL } from '../helpers/paths.js';
import { PG_OK, postgresBackend } from '../store/backends.js';

/** Crawl-shaped reports (agencies' consecutive years, copied prose) and the real text fixtures. */
function corpus(dir: string): void {
  generateReports(dir, 240, undefined, { distinct: true });
  for (const f of fs.readdirSync(REAL).filter((x) => /\.(txt|html)$/.test(x))) fs.copyFileSync(path.join(REAL, f), path.join(dir, `real-${f}`));
}

/** Every history finding and every report's counts, by source (ids and timestamps left out). */
async function historyOutcome(store: Store): Promise<string[]> {
  const findings = await store.db
    .selectFrom('findings')
    .innerJoin('reports', 'reports.id', 'findings.report_id')
    .select(['reports.source_name', 'findings.rule', 'findings.severity', 'findings.message', 'findings.cells', 'findings.expected', 'findings.found'])
    .where('findings.origin', '=', 'history')
    .execute();
  const reports = await store.db.selectFrom('reports').select(['source_name', 'errors', 'warnings', 'history_dirty']).execute();
  return [...findings.map((f) => JSON.stringify(['finding', f.source_name, f.rule, f.severity, f.message, f.cells, f.expected, f.found])), ...reports.map((r) => JSON.stringify(['report', r.source_name, r.errors, r.warnings, r.history_dirty]))].sort();
}

describe.skipIf(!PG_OK)('history checks with what the ingest wrote at hand (PostgreSQL)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-written-'));
  const targets: string[] = [];
  const stores: Store[] = [];
  const open = async () => {
    const target = await postgresBackend.create();
    targets.push(target);
    const store = await openStore(target);
    stores.push(store);
    return store;
  };
  beforeAll(() => corpus(dir));
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const t of targets) await postgresBackend.drop(t);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('what a parse process hands over for the history checks is what the store gives back', async () => {
    const store = await open();
    const parser = new InlineParser('pg');
    const parsed = new Map<string, ParsedFile>();
    const recording = { size: 1, parse: async (bytes: Uint8Array, source: string) => {
      const p = await parser.parse(bytes, source);
      parsed.set(source, p);
      return p;
    }, close: async () => {} };
    await ingest(store, [dir], { parser: recording, history: false });
    const rows = await store.db.selectFrom('reports').select(['id', 'source_name']).where('status', '=', 'ok').execute();
    expect(rows.length).toBeGreaterThan(200);
    const views = await loadReports(store.db, rows.map((r) => r.id), HISTORY_READS.sections, HISTORY_READS.cells);
    for (const r of rows) {
      const h = parsed.get(r.source_name)?.history;
      const v = views.get(r.id)!;
      expect(h, r.source_name).toBeDefined();
      const shingles = proseShingles(normaliseProse(comparedProse(v.sections)));
      const text = Object.fromEntries(Object.entries(v.sections).filter(([k]) => TEXT_SECTIONS.includes(k)));
      expect({ cells: historyCells(h!), sections: h!.sections, shingles: h!.shingles && [...h!.shingles] }, r.source_name).toEqual({ cells: v.cells, sections: text, shingles: shingles && [...shingles] });
    }
    expect(Object.keys(views.get(rows[0].id)!.cells).length).toBeGreaterThan(20);
  });

  it('stored values, not the parse\'s: blanks and figures that are not finite are null, −0 is 0, a lone surrogate is U+FFFD', () => {
    const sections = [
      { key: 'problems', title: '五', text: 'x\ud800y' },
      { key: 'problems', title: '五', text: 'second' },
      { key: 'requests', title: '三', text: 'table' },
      { key: 'overview', title: '一', text: '本机关'.repeat(80) },
    ];
    const h = historyDataOf({ a: 1, [HISTORY_READS.cells[0]]: -0, [HISTORY_READS.cells[1]]: NaN, [HISTORY_READS.cells[2]]: undefined, [HISTORY_READS.cells[3]]: 2.5 }, sections as never);
    const cells = historyCells(h);
    expect(cells).toEqual({ [HISTORY_READS.cells[0]]: 0, [HISTORY_READS.cells[1]]: null, [HISTORY_READS.cells[2]]: null, [HISTORY_READS.cells[3]]: 2.5 });
    expect(Object.is(cells[HISTORY_READS.cells[0]], 0)).toBe(true);
    expect(h.sections).toEqual({ problems: 'x\ufffdy' });
    // the prose as copied-report compares it: section 五 after 一 (their order in PROSE_SECTIONS), the first of each
    expect([...h.shingles!]).toEqual([...proseShingles(normaliseProse(['本机关'.repeat(80), 'x\ufffdy', ''].join('\n')))!]);
    expect(proseAsCompared(sections as never)).toBe(false);
  });

  it('the bands\' shingles stand for the compared prose only when the prose sections come once each, in order, well formed', () => {
    const sec = (key: string, text: string) => ({ key, title: '', text });
    const long = (c: string) => `${c}关于政府信息公开工作的情况，`.repeat(20);
    const cases = [
      [sec('overview', long('一')), sec('requests', '表'), sec('problems', long('五')), sec('other', long('六'))],
      [sec('overview', long('一')), sec('other', long('六'))],
      [sec('problems', long('五'))],
      [],
    ];
    for (const c of cases) {
      expect(proseAsCompared(c as never)).toBe(true);
      const first = Object.fromEntries(c.map((x) => [x.key, x.text]));
      expect(proseShingles(proseOf(c as never))).toEqual(proseShingles(normaliseProse(comparedProse(first))));
    }
    expect(proseAsCompared([sec('problems', 'a'), sec('overview', 'b')] as never)).toBe(false);
    expect(proseAsCompared([sec('overview', 'a'), sec('overview', 'b')] as never)).toBe(false);
    expect(proseAsCompared([sec('other', 'a\udc00')] as never)).toBe(false);
  });

  it('the same history findings as checks that read everything from the store', async () => {
    const fromStore = await open();
    const withWritten = await open();
    const a = await ingest(fromStore, [dir], { parser: new InlineParser('json') });
    const b = await ingest(withWritten, [dir], { parser: new InlineParser('pg') });
    expect(b.historyChecked).toBe(a.historyChecked);
    expect(a.historyChecked).toBeGreaterThan(200);
    const outcome = await historyOutcome(fromStore);
    expect(outcome.filter((x) => x.includes('copied-report')).length).toBeGreaterThan(20);
    expect(outcome.filter((x) => x.includes('carry-over-mismatch') || x.includes('valid-docs-continuity')).length).toBeGreaterThan(5);
    expect(await historyOutcome(withWritten)).toEqual(outcome);
  });

  it('bounded: past its budget, reports are not kept (their checks read them from the store)', () => {
    const w = new WrittenViews(3000);
    const data = historyDataOf({}, [{ key: 'problems', title: '五', text: '字'.repeat(500) }] as never, null);
    w.add(1, data);
    w.add(2, data);
    expect(w.has(1)).toBe(true);
    expect(w.has(2)).toBe(false);
    expect(w.size).toBe(1);
  });

  it('keeps only what it needs of a parse process\'s message (its arrays are views of the whole message)', () => {
    const sent = historyDataOf({ [HISTORY_READS.cells[0]]: 3 }, [{ key: 'problems', title: '五', text: '无' }] as never);
    const received = v8.deserialize(v8.serialize({ pad: '字'.repeat(20000), history: sent })) as { history: typeof sent };
    expect(received.history.values.buffer.byteLength).toBeGreaterThan(1000);
    const w = new WrittenViews();
    w.add(7, received.history);
    const kept = w.get(7)!;
    expect(kept.values.buffer.byteLength).toBe(kept.values.byteLength);
    expect(kept.present.buffer.byteLength).toBe(kept.present.byteLength);
    expect(historyCells(kept)).toEqual(historyCells(sent));
  });
});
