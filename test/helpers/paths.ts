/**
 * Locations the tests use, relative to this repository. The fixtures are copies of the
 * workplace's shared fixtures kept in the repository (unchanged, truth files included), so
 * the tests pass from a clone alone; scoring against the shared folder stays a script.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
export const SEEDS = path.join(FIXTURES, 'seeds');
export const REAL = path.join(FIXTURES, 'real');
/** Presentations made here from the real fixtures (e.g. a PDF's text saved with `pdftotext -layout`). */
export const DERIVED = path.join(FIXTURES, 'derived');

/**
 * The command line as the tests run it: from the TypeScript sources through tsx, like every
 * other test (the compiled bin/nianbao.js → dist/ is what .ci/pack-check installs and runs).
 */
export const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
export const CLI = ['--import', TSX, path.join(ROOT, 'src/cli/main.ts')];
