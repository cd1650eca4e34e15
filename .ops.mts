import { readFileSync } from 'node:fs';
const pdfjs: any = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), useSystemFonts: false }).promise;
const page = await doc.getPage(Number(process.argv[3] ?? 2));
const ops = await page.getOperatorList();
const O = pdfjs.OPS;
let n = 0;
const names = Object.fromEntries(Object.entries(O).map(([k, v]) => [v, k]));
for (let i = 0; i < ops.fnArray.length && n < 25; i++) {
  if (ops.fnArray[i] === O.constructPath) {
    const [drawOp, data] = ops.argsArray[i];
    const d = data?.[0];
    console.log(names[drawOp], d ? Array.from(d).map((x: any) => Math.round(x * 100) / 100).join(',') : JSON.stringify(ops.argsArray[i]).slice(0, 200));
    n++;
  } else if (n < 25 && [O.transform, O.save, O.restore].includes(ops.fnArray[i]) && n > 0 && n < 6) console.log(names[ops.fnArray[i]], JSON.stringify(ops.argsArray[i]));
}
