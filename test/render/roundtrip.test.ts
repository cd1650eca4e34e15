import fc from 'fast-check';
import { describe, it } from 'vitest';
import { renderReport } from '../../src/render/index.js';
import { reportArb } from './gen.js';
import { expectSameReport } from './roundtrip.js';

describe('round trip: parse(render(report)) gives back the same cells, meta and prose', () => {
  for (const format of ['txt', 'md', 'html'] as const)
    it(`${format}: both templates (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(reportArb(), async (r) => {
          await expectSameReport(r, await renderReport(r, format), `report.${format}`);
        }),
        { numRuns: 40 },
      );
    });

  it('json: a canonical JSON read by the JSON reader (property)', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb(), async (r) => {
        await expectSameReport(r, new TextEncoder().encode(JSON.stringify(r)), 'report.json');
      }),
      { numRuns: 25 },
    );
  });
});
