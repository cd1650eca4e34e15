/**
 * Reading a PDF's text never loads the canvas module pdf.js would draw with (its native
 * library costs about a tenth of a one-file PDF parse): checked in a fresh process, since
 * another test of this run may have loaded it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { ROOT, TSX } from '../helpers/paths.js';

it('a PDF is read without loading @napi-rs/canvas, and leaves the engine its own push and JSON', () => {
  const script = `
    const { parseBytes } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/pipeline.ts')).href)});
    const fs = await import('node:fs');
    const { createRequire } = await import('node:module');
    const o = await parseBytes(new Uint8Array(fs.readFileSync(${JSON.stringify(path.join(ROOT, 'samples', 'huaian-city-2024.pdf'))})), 'x.pdf');
    const cache = Object.keys(createRequire(import.meta.url).cache);
    const natives = [Array.prototype.push, JSON.parse, JSON.stringify].map((f) => /\\[native code\\]/.test(Function.prototype.toString.call(f)));
    console.log(JSON.stringify({ ok: o.ok, granted: o.ok ? o.cells['t3.granted.total'] : null, native: cache.filter((k) => /canvas-linux|\\.node$/.test(k)), natives }));`;
  const r = spawnSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  expect(out.ok).toBe(true);
  expect(out.granted).toEqual(expect.any(Number));
  expect(out.native).toEqual([]);
  // pdf.js's legacy build replaces these with script polyfills for the whole process: put back
  expect(out.natives).toEqual([true, true, true]);
});
