/**
 * The writer's backlog: when writing is slower than parsing, parsing waits for room (a batch taken),
 * not for the backlog to empty. Waiting for it to empty let the writer's last short batch wait out
 * the gather time with no lane free to bring more, and the parse processes sat idle meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/dataset/ingest.js';
import type { Parser } from '../../src/dataset/pool.js';
import { parseBytes } from '../../src/pipeline.js';
import { openStore, type Store } from '../../src/store/db.js';
import { slim, type ParsedFile } from '../../src/store/parsed.js';
import { sqliteBackend } from '../store/backends.js';
import { FIXTURES } from '../helpers/paths.js';

const seen = vi.hoisted(() => ({ batches: [] as number[] }));

// Every batch's size recorded, and writing made slower than parsing (40 ms a batch).
vi.mock('../../src/store/queries.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/store/queries.js')>();
  return {
    ...orig,
    writeReports: async (...args: Parameters<typeof orig.writeReports>) => {
      seen.batches.push(args[1].length);
      await new Promise((r) => setTimeout(r, 40));
      return orig.writeReports(...args);
    },
  };
});

describe('ingest backlog', () => {
  let dir: string;
  let target: string;
  let store: Store;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-backlog-'));
    const seed = fs.readdirSync(`${FIXTURES}/seeds`).find((f) => f.endsWith('.txt'))!;
    const text = fs.readFileSync(`${FIXTURES}/seeds/${seed}`, 'utf8');
    // Distinct bytes (distinct reports to the store); the parser below reads none of them.
    for (let i = 0; i < 700; i++) fs.writeFileSync(path.join(dir, `r${String(i).padStart(4, '0')}.txt`), `${text}\n${i}\n`);
    target = await sqliteBackend.create();
    store = await openStore(target);
  });
  afterAll(async () => {
    await store?.close();
    await sqliteBackend.drop(target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a writer slower than parsing writes full batches until the last one', async () => {
    const seed = fs.readdirSync(dir)[0];
    const parsed: ParsedFile = slim(await parseBytes(fs.readFileSync(path.join(dir, seed)), seed));
    expect(parsed.outcome.ok).toBe(true);
    // Parsing at once, with as many files in hand as the pool of two processes holds.
    const instant: Parser = { size: 2, capacity: 66, parse: async (_b, source) => ({ ...parsed, outcome: { ...parsed.outcome, source } }), close: async () => {} };
    const summary = await ingest(store, [dir], { parser: instant, history: false });
    expect(summary.added).toBe(700);
    expect(seen.batches.reduce((a, b) => a + b, 0)).toBe(700);
    // 700 = 10 × 64 + 60: every batch full but the last.
    expect(seen.batches.slice(0, -1).every((n) => n === 64)).toBe(true);
    expect(seen.batches.at(-1)).toBe(60);
  });
});
