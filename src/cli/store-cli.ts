/** Shared by the dataset commands: opening the store, Chinese errors without stack traces, years. */
import { isConnectionLoss, openStore, StoreError, storeFailure, type Store } from '../store/db.js';

/** Runs an action with an open store; store errors print one Chinese line and exit 2. */
export async function withStore(dbOption: string | undefined, fn: (store: Store) => Promise<number | void>, opts: { create?: boolean } = {}): Promise<void> {
  let store: Store | undefined;
  try {
    // Only ingest (and serve, and user add for the first account) creates a dataset; the
    // other commands need one that exists.
    store = await openStore(dbOption, { create: opts.create ?? false });
    const code = await fn(store);
    if (typeof code === 'number') process.exitCode = code;
  } catch (caught) {
    // The connection lost in a step that did not say so itself: the same message as where it does.
    const e = store && !(caught instanceof StoreError) && isConnectionLoss(caught) ? storeFailure(store, caught) : caught;
    process.stderr.write(`错误：${e instanceof StoreError || e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

export function parseYears(s: string | undefined): number[] | undefined {
  if (!s) return undefined;
  const ys = s.split(/[,，\s]+/).filter(Boolean).map(Number);
  if (ys.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) throw new StoreError('bad-year', `年份“${s}”不正确，应为四位数字，多个年份用逗号分隔，例如 2023,2024。`);
  return ys;
}
