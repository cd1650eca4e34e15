#!/usr/bin/env node
// Entry point: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` and
// `npm pack` run through the prepare / prepack scripts). No transpiler at run time.
if (process.env.NIANBAO_DEBUG) process.setSourceMapsEnabled(true); // stack traces point into src/*.ts
try {
  await import('../dist/cli/main.js');
} catch (e) {
  // A failure while loading the program: a Chinese message, never a stack trace (NIANBAO_DEBUG=1 shows it).
  const missing = e instanceof Error && /** @type {NodeJS.ErrnoException} */ (e).code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]cli[\\/]main\.js/.test(e.message);
  process.stderr.write(
    missing
      ? '错误：程序尚未构建（缺少 dist/）。请在仓库目录运行 npm run build（npm ci 会自动构建）。\n'
      : `错误：程序无法启动（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）。请反馈给维护者。\n`,
  );
  if (process.env.NIANBAO_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(2);
}
