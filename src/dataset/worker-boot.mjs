// Parse-process entry when running from TypeScript sources: registers tsx, then loads the worker.
// (A compiled build forks parse-worker.js directly; see workerEntry in pool.ts.)
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
