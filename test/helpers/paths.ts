/** Locations the tests use, relative to this repository (CI clones it elsewhere, with shared/ beside it). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '../shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const SEEDS = path.join(FIXTURES, 'seeds');
export const REAL = path.join(FIXTURES, 'real');
