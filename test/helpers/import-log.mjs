// Preload (node --import) that appends the URL of every module the ESM loader resolves to the
// file named by NIANBAO_IMPORT_LOG: lets tests see which packages a command loads.
import { register } from 'node:module';

if (process.env.NIANBAO_IMPORT_LOG) register('./import-log-hooks.mjs', import.meta.url, { data: { log: process.env.NIANBAO_IMPORT_LOG } });
