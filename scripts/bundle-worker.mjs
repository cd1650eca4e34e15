/**
 * Bundles the compiled parse process (dist/dataset/parse-worker.js and the modules it imports,
 * ~100 files) into dist/dataset/worker/: one file to load, plus a chunk for each reader loaded
 * only when its format comes (pdf.js, OCR, …). Node resolves and compiles one module instead of a
 * hundred: the parse process is ready ~30 ms sooner, which is what `nianbao parse one-file` waits
 * for. Packages stay external (resolved from node_modules as before). Run by `npm run build`.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'dataset', 'worker');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  // The history process (ingest's history checks) too: it started by resolving and compiling ~60
  // modules, a fixed cost per process of each ingest.
  entryPoints: [path.join(root, 'dist', 'dataset', 'parse-worker.js'), path.join(root, 'dist', 'dataset', 'history-worker.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Stack traces under NIANBAO_DEBUG=1 point into the TypeScript sources (through tsc's maps).
  sourcemap: 'linked',
  logLevel: 'warning',
});
