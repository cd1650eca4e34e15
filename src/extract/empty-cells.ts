/**
 * A report's cells before reading: every template cell, blank, in template order. Made by a
 * function compiled once per template whose object literal names every key, so each report's
 * object is a copy of one boilerplate (fast properties) instead of ~200 keyed insertions into a
 * dictionary. Same keys, same order, same values as assigning them one by one.
 */
import { cellKeys, type TemplateVersion } from '../core/template.js';
import type { CellValue } from '../core/types.js';

const FACTORIES = new Map<TemplateVersion, () => Record<string, CellValue>>();

export function emptyCells(version: TemplateVersion): Record<string, CellValue> {
  let make = FACTORIES.get(version);
  if (!make) {
    const body = cellKeys(version).map((k) => `${JSON.stringify(k)}: null`).join(', ');
    make = new Function(`return () => ({ ${body} });`)() as () => Record<string, CellValue>;
    FACTORIES.set(version, make);
  }
  return make();
}
