#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
try {
  await import('../src/cli/main.ts');
} catch (e) {
  // A failure while loading the program: a Chinese message, never a stack trace (NIANBAO_DEBUG=1 shows it).
  process.stderr.write(`错误：程序无法启动（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）。请反馈给维护者。\n`);
  if (process.env.NIANBAO_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(2);
}
