// Worker-thread entry: registers tsx (the CLI runs TypeScript without a build) and loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
