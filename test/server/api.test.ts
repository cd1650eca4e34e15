/**
 * The workbench API through fastify.inject: every route's 401 without a session and 403 outside the
 * role or scope, CSRF and origin checks, login rate limit and cookie flags, upload limits and zip
 * guards, traversal attempts, and each route doing its job on the sample reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankReport } from '../../src/render/canonical.js';
import { renderWorkbook } from '../../src/render/workbook.js';
import { ROOT } from '../helpers/paths.js';
import { makeBench, multipart, PASSWORD, type Bench } from './harness.js';
import { buildApp } from '../../src/server/app.js';

const SAMPLES = path.join(ROOT, 'samples');
const sample = (f: string) => fs.readFileSync(path.join(SAMPLES, f));

interface Session {
  cookie: string;
  csrf: string;
}

let bench: Bench;
const sessions: Record<string, Session> = {};
const ids: Record<string, number> = {};

async function login(username: string, password = PASSWORD) {
  return bench.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
}

function as(user: string, method: string, url: string, payload?: unknown, extra: Record<string, string> = {}) {
  const s = sessions[user];
  const headers: Record<string, string> = { cookie: s.cookie, ...extra };
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  return bench.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : typeof payload === 'string' || Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }) });
}

async function upload(user: string, files: { name: string; bytes: Uint8Array | string }[], query = '') {
  const m = multipart(files);
  return bench.app.inject({ method: 'POST', url: `/api/reports${query}`, payload: m.payload, headers: { ...m.headers, cookie: sessions[user].cookie, 'x-csrf-token': sessions[user].csrf } });
}

beforeAll(async () => {
  bench = await makeBench();
  for (const u of ['admin', 'fangshan', 'fangxian', 'clerk']) {
    const r = await login(u);
    expect(r.statusCode).toBe(200);
    sessions[u] = { cookie: String(r.headers['set-cookie']).split(';')[0], csrf: r.json().csrf };
  }
  const files = ['000_2790cd25742a97b3.txt', '001_5f25c15575702d27.txt', '003_397039d31f300f54.txt', 'pingtan-2022-flattened.txt', 'pingtan-2023.html', 'huaian-city-2024.pdf'];
  const r = await upload('admin', files.map((f) => ({ name: f, bytes: sample(f) })));
  expect(r.statusCode).toBe(200);
  expect(r.json().added).toBe(files.length);
  const list = (await as('admin', 'GET', '/api/reports?pageSize=50')).json();
  for (const it of list.items) ids[it.agency] = it.id;
}, 180_000);

afterAll(async () => {
  await bench?.close();
});

/** Every route with a representative request (ids filled in once reports exist). */
function routes(): { method: string; url: string; body?: unknown }[] {
  const id = ids['北宫镇'] ?? 1;
  return [
    { method: 'DELETE', url: '/api/session' },
    { method: 'GET', url: '/api/me' },
    { method: 'GET', url: '/api/openapi.json' },
    { method: 'GET', url: '/api/reports' },
    { method: 'POST', url: '/api/reports' },
    { method: 'GET', url: '/api/uploads/abc/events' },
    { method: 'GET', url: `/api/reports/${id}` },
    { method: 'GET', url: `/api/reports/${id}/source` },
    { method: 'GET', url: `/api/reports/${id}/pages/1` },
    { method: 'GET', url: `/api/reports/${id}/file` },
    { method: 'POST', url: `/api/reports/${id}/corrections`, body: {} },
    { method: 'POST', url: `/api/reports/${id}/reviews`, body: {} },
    { method: 'GET', url: `/api/compare?a=${id}&b=${id}` },
    { method: 'GET', url: '/api/overview' },
    { method: 'GET', url: '/api/overview/findings.xlsx' },
    { method: 'GET', url: '/api/drafts?year=2024' },
    { method: 'PUT', url: '/api/drafts', body: {} },
    { method: 'POST', url: '/api/drafts/submit', body: {} },
    { method: 'POST', url: '/api/drafts/import' },
    { method: 'POST', url: '/api/render?format=docx', body: {} },
    { method: 'GET', url: '/api/regions' },
    { method: 'POST', url: '/api/regions', body: {} },
    { method: 'DELETE', url: '/api/regions/1' },
    { method: 'GET', url: '/api/agencies' },
    { method: 'POST', url: '/api/agencies', body: {} },
    { method: 'PATCH', url: '/api/agencies/1', body: {} },
    { method: 'GET', url: '/api/agencies/1/reports' },
    { method: 'GET', url: '/api/units.csv' },
    { method: 'POST', url: '/api/units', body: {} },
    { method: 'GET', url: '/api/users' },
    { method: 'POST', url: '/api/users', body: {} },
    { method: 'PATCH', url: '/api/users/1', body: {} },
    { method: 'GET', url: '/api/audit' },
  ];
}

describe('401 without a session', () => {
  it('every /api route except POST /api/session answers 401', async () => {
    for (const r of routes()) {
      const res = await bench.app.inject({ method: r.method as 'GET', url: r.url, ...(r.body ? { payload: r.body as object } : {}) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error).toBe('请先登录。');
    }
    const forged = await bench.app.inject({ method: 'GET', url: '/api/reports', headers: { cookie: 'nianbao_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
  });
});

describe('403 by role', () => {
  const ADMIN_ONLY = [
    ['POST', '/api/regions'],
    ['DELETE', '/api/regions/1'],
    ['POST', '/api/agencies'],
    ['PATCH', '/api/agencies/1'],
    ['POST', '/api/units'],
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['PATCH', '/api/users/1'],
    ['GET', '/api/audit'],
  ];
  it('admin-only routes refuse reviewers and clerks', async () => {
    for (const user of ['fangshan', 'clerk'])
      for (const [m, u] of ADMIN_ONLY) expect((await as(user, m, u, m === 'GET' || m === 'DELETE' ? undefined : {})).statusCode, `${user} ${m} ${u}`).toBe(403);
  });
  it('clerks cannot upload, correct or review; reviewers cannot fill in', async () => {
    const id = ids['北宫镇'];
    expect((await upload('clerk', [{ name: 'a.txt', bytes: sample('000_2790cd25742a97b3.txt') }])).statusCode).toBe(403);
    expect((await as('clerk', 'POST', `/api/reports/${id}/corrections`, { key: 't3.total.total', value: 1, comment: 'x' })).statusCode).toBe(403);
    expect((await as('clerk', 'POST', `/api/reports/${id}/reviews`, { findingKey: 'x', status: 'confirmed' })).statusCode).toBe(403);
    expect((await as('fangshan', 'GET', '/api/drafts?year=2024')).statusCode).toBe(403);
    expect((await as('fangshan', 'PUT', '/api/drafts', { year: 2024, report: blankReport('x', 2024) })).statusCode).toBe(403);
    expect((await as('fangshan', 'POST', '/api/drafts/submit', { year: 2024, report: blankReport('x', 2024) })).statusCode).toBe(403);
  });
});

describe('403 by scope', () => {
  it('a reviewer of 房县 sees only 房县 in the list and nothing of 房山区 by id', async () => {
    const list = (await as('fangxian', 'GET', '/api/reports?pageSize=100')).json();
    expect(list.items.map((i: { agency: string }) => i.agency)).toEqual(['房县白鹤镇人民政府']);
    expect(list.total).toBe(1);
    const other = ids['北宫镇'];
    for (const url of [`/api/reports/${other}`, `/api/reports/${other}/source`, `/api/reports/${other}/pages/1`, `/api/reports/${other}/file`, `/api/compare?a=${ids['房县白鹤镇人民政府']}&b=${other}`])
      expect((await as('fangxian', 'GET', url)).statusCode, url).toBe(403);
    expect((await as('fangxian', 'POST', `/api/reports/${other}/corrections`, { key: 't3.total.total', value: 1, comment: '试图越权' })).statusCode).toBe(403);
    expect((await as('fangxian', 'POST', `/api/reports/${other}/reviews`, { findingKey: 'x', status: 'dismissed', comment: 'x' })).statusCode).toBe(403);
    const agency = (await as('admin', 'GET', `/api/reports/${other}`)).json().agencyId;
    expect((await as('fangxian', 'GET', `/api/agencies/${agency}/reports`)).statusCode).toBe(403);
    expect((await as('fangxian', 'GET', `/api/reports?region=${bench.ids.fangshan}`)).statusCode).toBe(403);
    expect((await as('fangxian', 'GET', `/api/overview?region=${bench.ids.fangshan}`)).statusCode).toBe(403);
    expect((await as('fangxian', 'GET', '/api/agencies')).json().map((a: { name: string }) => a.name)).toEqual(['房县白鹤镇人民政府']);
    const regions = (await as('fangxian', 'GET', '/api/regions')).json();
    expect(regions.map((r: { name: string }) => r.name).sort()).toEqual(['房县', '白鹤镇']);
    // Nonexistent ids are 404, not 403.
    expect((await as('fangxian', 'GET', '/api/reports/999999')).statusCode).toBe(404);
  });

  it('a reviewer of 房山区 sees its townships, a clerk only their own agency', async () => {
    const list = (await as('fangshan', 'GET', '/api/reports?pageSize=100')).json();
    expect(list.items.map((i: { agency: string }) => i.agency).sort()).toEqual(['北宫镇', '阎村镇人民政府']);
    expect((await as('fangshan', 'GET', `/api/reports/${ids['北宫镇']}`)).statusCode).toBe(200);
    expect((await as('fangshan', 'GET', `/api/reports/${ids['淮安市人民政府']}`)).statusCode).toBe(403);
    expect((await as('clerk', 'GET', '/api/reports')).json().total).toBe(0);
    expect((await as('clerk', 'GET', `/api/reports/${ids['北宫镇']}`)).statusCode).toBe(403);
    const beigongAgency = (await as('admin', 'GET', `/api/reports/${ids['北宫镇']}`)).json().agencyId;
    expect(beigongAgency).not.toBe(bench.ids.changyang);
    expect((await as('clerk', 'GET', `/api/drafts?year=2024&agency=${beigongAgency}`)).statusCode).toBe(403);
  });
});

describe('CSRF, origin, login', () => {
  it('state-changing requests need the session CSRF token and a same-origin Origin', async () => {
    const s = sessions.admin;
    const noToken = await bench.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie: s.cookie }, payload: { name: '测试区' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toMatch(/CSRF/);
    const wrong = await bench.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie: s.cookie, 'x-csrf-token': sessions.fangshan.csrf }, payload: { name: '测试区' } });
    expect(wrong.statusCode).toBe(403);
    const cross = await bench.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example', host: 'localhost:80' }, payload: { name: '测试区' } });
    expect(cross.statusCode).toBe(403);
    const m = multipart([{ name: 'a.txt', bytes: 'x' }]);
    expect((await bench.app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: { ...m.headers, cookie: s.cookie } })).statusCode).toBe(403);
    const ok = await as('admin', 'POST', '/api/regions', { name: '测试区' });
    expect(ok.statusCode).toBe(200);
  });

  it('session cookies are HttpOnly and SameSite=Strict (Secure when asked), logout ends the session', async () => {
    const r = await login('fangshan');
    const c = String(r.headers['set-cookie']);
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Strict/);
    expect(c).not.toMatch(/Secure/);
    const secureApp = await buildApp({ store: bench.store, webRoot: null, secureCookies: true });
    const r2 = await secureApp.inject({ method: 'POST', url: '/api/session', payload: { username: 'fangshan', password: PASSWORD } });
    expect(String(r2.headers['set-cookie'])).toMatch(/; Secure/);
    await secureApp.close();
    const s = { cookie: c.split(';')[0], csrf: r.json().csrf };
    const out = await bench.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(200);
    expect((await bench.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const row = await bench.store.db.selectFrom('users' as never).select('password_hash' as never).where('username' as never, '=', 'admin' as never).executeTakeFirstOrThrow();
    expect(String((row as { password_hash: string }).password_hash)).toMatch(/^scrypt\$/);
  });

  it('wrong passwords are refused, and after 5 failures logins are rate-limited', async () => {
    const bad = await login('fangxian', 'wrong-password');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('用户名或密码不正确。');
    for (let i = 0; i < 4; i++) await login('fangxian', 'wrong-password');
    const blocked = await login('fangxian');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatch(/登录失败次数过多/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const audit = (await as('admin', 'GET', '/api/audit?limit=1000')).json();
    expect(audit.filter((a: { action: string }) => a.action === 'login-failed').length).toBeGreaterThanOrEqual(5);
    expect(audit.some((a: { action: string }) => a.action === 'login-blocked')).toBe(true);
  });
});

describe('upload', () => {
  it('reports duplicates, unsupported content and a bad file in a batch without losing the rest', async () => {
    const r = await upload('admin', [
      { name: '000_again.txt', bytes: sample('000_2790cd25742a97b3.txt') },
      { name: 'photo.txt', bytes: Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 1, 2, 3]) },
      { name: 'note.txt', bytes: '这不是年度报告。' },
      { name: '002_9d29cf3bbd4964f6.txt', bytes: sample('002_9d29cf3bbd4964f6.txt') },
    ]);
    expect(r.statusCode).toBe(200);
    const res = r.json().results;
    expect(res.map((x: { status: string }) => x.status)).toEqual(['duplicate', 'failed', 'failed', 'added']);
    expect(res[0].sameAs).toBe('000_2790cd25742a97b3.txt');
    expect(res[1].code).toBe('unsupported-type');
    expect(res[2].code).toBe('not-a-report');
  });

  it('takes a scanned page as an image (PNG, detected from the content) through the same reader: OCR, or needs-ocr without it', async () => {
    // A store of its own: the page stored as a report would change the other tests' lists.
    const own = await makeBench({ webRoot: null });
    const { expandUpload, storeUpload } = await import('../../src/server/upload.js');
    const { ocrAvailability, resetOcrAvailability } = await import('../../src/read/ocr/tesseract.js');
    try {
      const png = fs.readFileSync(path.join(ROOT, 'test/scan/fixtures/page3.png'));
      const x = await expandUpload('scan-page.bin', png);
      expect(x.failures).toEqual([]);
      expect(x.items).toHaveLength(1);
      if (ocrAvailability().ok) {
        // One page of a report (table 三 only): read by OCR, then refused as no whole report, or stored.
        const r = await storeUpload(own.store, 'scan-page.bin', png);
        expect(r.status === 'added' || (r.status === 'failed' && r.code === 'not-a-report')).toBe(true);
      }
      process.env.NIANBAO_NO_OCR = '1';
      resetOcrAvailability();
      const r = await storeUpload(own.store, 'scan-page-2.png', Buffer.concat([png, Buffer.from([0])]));
      expect(r.status).toBe('failed');
      if (r.status === 'failed') {
        expect(r.code).toBe('needs-ocr');
        expect(r.message).toMatch(/tesseract-ocr/);
      }
    } finally {
      delete process.env.NIANBAO_NO_OCR;
      resetOcrAvailability();
      await own.close();
    }
  }, 120_000);

  it('expands a zip archive with the ingest guards: unsafe names, nesting, bombs', async () => {
    const zip = new JSZip();
    zip.file('reports/004.txt', sample('004_e9b0b4183da4b0c6.txt'));
    zip.file('../../evil.txt', 'x');
    zip.file('inner.zip', 'PK');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const r = (await upload('admin', [{ name: 'batch.zip', bytes }])).json();
    const byName = Object.fromEntries(r.results.map((x: { name: string }) => [x.name, x]));
    expect(byName['batch.zip!reports/004.txt'].status).toBe('added');
    expect(byName['batch.zip!../../evil.txt'].code).toBe('zip-unsafe-path');
    expect(byName['batch.zip!inner.zip'].code).toBe('zip-nested');
    const bomb = new JSZip();
    bomb.file('big.txt', Buffer.alloc(220 * 1024 * 1024, 0x30));
    const bombBytes = await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const rb = (await upload('admin', [{ name: 'bomb.zip', bytes: bombBytes }])).json();
    expect(rb.results[0].code).toBe('zip-bomb');
  }, 120_000);

  it('refuses files over the size limit and too many files per request', async () => {
    const small = await buildApp({ store: bench.store, webRoot: null, limits: { fileBytes: 1024, files: 2 } });
    const s = sessions.admin;
    const big = multipart([{ name: 'big.txt', bytes: Buffer.alloc(4096, 0x41) }]);
    const r = await small.inject({ method: 'POST', url: '/api/reports', payload: big.payload, headers: { ...big.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatch(/文件过大/);
    const many = multipart([1, 2, 3].map((i) => ({ name: `${i}.txt`, bytes: 'x' })));
    const r2 = await small.inject({ method: 'POST', url: '/api/reports', payload: many.payload, headers: { ...many.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(r2.statusCode).toBe(413);
    expect(r2.json().error).toMatch(/一次最多上传 2 个文件/);
    const notMultipart = await as('admin', 'POST', '/api/reports', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    await small.close();
  });

  it('streams per-file progress as server-sent events', async () => {
    await bench.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (bench.app.server.address() as { port: number }).port;
    const events: { type: string }[] = [];
    const stream = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/uploads/job1/events', headers: { cookie: sessions.admin.cookie } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let buf = '';
        res.on('data', (c) => {
          buf += c.toString();
          for (const m of buf.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(m[1]));
          buf = buf.slice(buf.lastIndexOf('\n\n') + 2);
        });
        res.on('end', resolve);
      });
      req.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200));
    const r = await upload('admin', [{ name: 'pingtan-copy.html', bytes: sample('pingtan-2023.html') }], '?job=job1');
    expect(r.statusCode).toBe(200);
    await stream;
    expect(events.map((e) => e.type)).toEqual(['file', 'file', 'result', 'phase', 'done']);
  });
});

describe('traversal', () => {
  it('no request path reaches the file system', async () => {
    const r = (await upload('admin', [{ name: '../../../../etc/passwd', bytes: sample('001_5f25c15575702d27.txt') }])).json();
    expect(r.results[0].name).toBe('passwd');
    for (const url of ['/api/reports/..%2F..%2Fetc%2Fpasswd', '/api/reports/1%2F..%2F..%2Fpasswd/source', `/api/reports/${ids['北宫镇']}/pages/..%2F..%2Fetc`])
      expect([400, 404]).toContain((await as('admin', 'GET', url)).statusCode);
    const statics = await buildApp({ store: bench.store, webRoot: path.join(ROOT, 'web', 'dist') });
    for (const url of ['/..%2f..%2fpackage.json', '/../../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const res = await statics.inject({ method: 'GET', url });
      expect(res.body).not.toContain('"name": "nianbao"');
    }
    await statics.close();
  });
});

describe('routes at work', () => {
  it('GET /api/reports filters, sorts and pages', async () => {
    const all = (await as('admin', 'GET', '/api/reports?pageSize=2&sort=year&order=asc&status=ok')).json();
    expect(all.items.length).toBe(2);
    expect(all.total).toBeGreaterThan(5);
    expect(all.items[0].year).toBeLessThanOrEqual(all.items[1].year);
    expect(Object.keys(all.items[0])).toEqual(expect.arrayContaining(['id', 'agency', 'year', 'level', 'errors', 'warnings']));
    expect((await as('admin', 'GET', '/api/reports?q=平潭')).json().total).toBe(2);
    expect((await as('admin', 'GET', '/api/reports?year=2024')).json().items.every((i: { year: number }) => i.year === 2024)).toBe(true);
    expect((await as('admin', 'GET', '/api/reports?rule=requests-balance')).json().items.map((i: { agency: string }) => i.agency)).toContain('北宫镇');
    expect((await as('admin', 'GET', '/api/reports?status=failed')).json().items.every((i: { status: string }) => i.status === 'failed')).toBe(true);
    expect((await as('admin', 'GET', `/api/reports?region=${bench.ids.fangshan}`)).json().total).toBe(2);
    expect((await as('admin', 'GET', '/api/reports?page=0')).statusCode).toBe(400);
    expect((await as('admin', 'GET', '/api/reports?pageSize=100000')).statusCode).toBe(400);
  });

  it('GET /api/reports/:id is the canonical report with findings and provenance; the source is kept', async () => {
    const r = (await as('admin', 'GET', `/api/reports/${ids['北宫镇']}`)).json();
    expect(r.meta.agency).toBe('北宫镇');
    expect(r.cells['t3.newReceived.naturalPerson']).toBe(21);
    expect(r.provenance['t3.newReceived.naturalPerson'].pos.line).toBeGreaterThan(0);
    expect(r.findings.some((f: { rule: string }) => f.rule === 'requests-balance')).toBe(true);
    const src = (await as('admin', 'GET', `/api/reports/${ids['北宫镇']}/source`)).json();
    const pos = r.provenance['t3.newReceived.naturalPerson'].pos;
    expect(src.lines[pos.line - 1].slice(pos.column - 1, pos.column - 1 + pos.length)).toBe('21');
    const file = await as('admin', 'GET', `/api/reports/${ids['北宫镇']}/file`);
    expect(file.rawPayload.equals(sample('000_2790cd25742a97b3.txt'))).toBe(true);
    const pdf = (await as('admin', 'GET', `/api/reports/${ids['淮安市人民政府']}/source`)).json();
    expect(pdf.pages).toBe(6);
    const png = await as('admin', 'GET', `/api/reports/${ids['淮安市人民政府']}/pages/1`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('a correction keeps the original reading, records who/when, re-runs the checks; reviews are stored', async () => {
    const id = ids['北宫镇'];
    const before = (await as('fangshan', 'GET', `/api/reports/${id}`)).json();
    const missingComment = await as('fangshan', 'POST', `/api/reports/${id}/corrections`, { key: 't3.total.naturalPerson', value: 22 });
    expect(missingComment.statusCode).toBe(400);
    expect((await as('fangshan', 'POST', `/api/reports/${id}/corrections`, { key: '../../x', value: 1, comment: 'x' })).statusCode).toBe(400);
    const after = (await as('fangshan', 'POST', `/api/reports/${id}/corrections`, { key: 't3.total.naturalPerson', value: 22, comment: '原件为 22' })).json();
    expect(after.cells['t3.total.naturalPerson']).toBe(22);
    expect(after.corrections[0]).toMatchObject({ key: 't3.total.naturalPerson', originalValue: 0, originalRaw: '0', value: 22, by: 'fangshan' });
    expect(after.corrections[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const outcome = (r: { findings: { rule: string; cells: string[] }[] }) => r.findings.filter((f) => f.rule === 'requests-outcome-total' && f.cells.includes('t3.total.naturalPerson')).length;
    expect(outcome(before)).toBe(1);
    expect(outcome(after)).toBe(0);
    // Checks re-ran on the corrected figure: the column total now breaks the row identity instead.
    expect(after.findings.some((f: { rule: string; message: string }) => f.rule === 'requests-row-total' && f.message.includes('22'))).toBe(true);
    const f = after.findings[0];
    expect((await as('fangshan', 'POST', `/api/reports/${id}/reviews`, { findingKey: f.key, status: 'dismissed' })).statusCode).toBe(400);
    const reviewed = (await as('fangshan', 'POST', `/api/reports/${id}/reviews`, { findingKey: f.key, status: 'dismissed', comment: '附注已说明' })).json();
    expect(reviewed.findings[0].review).toMatchObject({ status: 'dismissed', comment: '附注已说明', by: 'fangshan' });
    const audit = (await as('admin', 'GET', '/api/audit')).json();
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['correction', 'dismiss', 'upload', 'login']));
  });

  it('compare, overview and the findings export', async () => {
    const list = (await as('admin', 'GET', '/api/reports?q=平潭&sort=year&order=asc')).json();
    const [a, b] = list.items;
    const c = (await as('admin', 'GET', `/api/compare?a=${a.id}&b=${b.id}`)).json();
    expect([c.a.year, c.b.year]).toEqual([2022, 2023]);
    expect(c.cells.some((x: { delta: number | null }) => x.delta !== null && x.delta !== 0)).toBe(true);
    expect(c.sections.length).toBe(6);
    const o = (await as('admin', 'GET', '/api/overview?year=2023')).json();
    expect(o.received).toBeGreaterThanOrEqual(4);
    expect(o.missing.map((m: { name: string }) => m.name)).toContain('长阳镇人民政府');
    expect(o.heatmap.agencies.length).toBeGreaterThan(0);
    expect(o.trends.years).toEqual(expect.arrayContaining([2022, 2023, 2024]));
    const scoped = (await as('fangshan', 'GET', '/api/overview?year=2023')).json();
    expect(scoped.ranking.map((r: { agency: string }) => r.agency).sort()).toEqual(['北宫镇', '阎村镇人民政府']);
    const x = await as('fangshan', 'GET', '/api/overview/findings.xlsx?year=2023');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('报告编号');
    const agencies = new Set<string>();
    ws.eachRow((row, n) => n > 1 && agencies.add(String(row.getCell(2).value)));
    expect([...agencies].sort()).toEqual(['北宫镇', '阎村镇人民政府']);
  });

  it('drafts: blank, save, import a workbook, render, submit (the reviewer sees it)', async () => {
    const d = (await as('clerk', 'GET', '/api/drafts?year=2024')).json();
    expect(d.status).toBe('new');
    expect(d.agency.name).toBe('长阳镇人民政府');
    const report = d.report;
    for (const k of Object.keys(report.cells)) report.cells[k] = 0;
    report.cells['t3.newReceived.naturalPerson'] = 3;
    report.cells['t3.granted.naturalPerson'] = 3;
    report.cells['t3.total.naturalPerson'] = 3;
    report.cells['t3.newReceived.total'] = 3;
    report.cells['t3.granted.total'] = 3;
    report.cells['t3.total.total'] = 3;
    report.sections[0].text = '本镇主动公开政府信息。';
    expect((await as('clerk', 'PUT', '/api/drafts', { year: 2024, report })).json().status).toBe('draft');
    expect((await as('clerk', 'GET', '/api/drafts?year=2024')).json().report.cells['t3.granted.naturalPerson']).toBe(3);
    const docx = await as('clerk', 'POST', '/api/render?format=docx', { report });
    expect(docx.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await as('clerk', 'POST', '/api/render?format=html', { report })).body).toContain('长阳镇人民政府');
    expect((await as('clerk', 'POST', '/api/render?format=pdf', { report })).statusCode).toBe(400);
    const wbBytes = await renderWorkbook({ ...report, cells: { ...report.cells, 't2.regulations.valid': 7 } });
    const m = multipart([{ name: '填报表.xlsx', bytes: wbBytes }]);
    const imported = await bench.app.inject({ method: 'POST', url: '/api/drafts/import', payload: m.payload, headers: { ...m.headers, cookie: sessions.clerk.cookie, 'x-csrf-token': sessions.clerk.csrf } });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().cells['t2.regulations.valid']).toBe(7);
    const sub = (await as('clerk', 'POST', '/api/drafts/submit', { year: 2024, report })).json();
    expect(sub.ok).toBe(true);
    expect((await as('clerk', 'GET', '/api/drafts?year=2024')).json().status).toBe('submitted');
    expect((await as('fangshan', 'GET', `/api/reports/${sub.reportId}`)).statusCode).toBe(200);
    expect((await as('fangxian', 'GET', `/api/reports/${sub.reportId}`)).statusCode).toBe(403);
    expect((await as('clerk', 'GET', '/api/reports')).json().items.map((i: { id: number }) => i.id)).toEqual([sub.reportId]);
  });

  it('regions, agencies and the CSV round trip', async () => {
    const csv = '地区,单位,层级,应报\r\n北京市/房山区/良乡镇,良乡镇人民政府,乡镇,是\r\n北京市/房山区/青龙湖镇,,,\r\n北京市/房山区,"房山区财政局",部门,否\r\n北京市,某单位,星级,是\r\n';
    const r = (await as('admin', 'POST', '/api/units', { csv })).json();
    expect(r).toMatchObject({ agencies: 3, regions: 1 });
    expect(r.problems[0]).toMatch(/层级“星级”无法识别/);
    expect((await as('admin', 'POST', '/api/units', { csv: 'a,b\n1,2' })).statusCode).toBe(400);
    const out = (await as('fangshan', 'GET', '/api/units.csv')).body;
    expect(out).toContain('北京市/房山区/良乡镇,良乡镇人民政府,乡镇,是');
    expect(out).toContain('北京市/房山区,房山区财政局,部门,否');
    expect(out).toContain('北京市/房山区/青龙湖镇,,,');
    expect(out).not.toContain('白鹤镇');
    const reg = (await as('admin', 'POST', '/api/regions', { name: '窦店镇', parentId: bench.ids.fangshan })).json();
    expect((await as('admin', 'DELETE', `/api/regions/${bench.ids.fangshan}`)).statusCode).toBe(409);
    expect((await as('admin', 'DELETE', `/api/regions/${reg.id}`)).statusCode).toBe(200);
    const ag = (await as('admin', 'POST', '/api/agencies', { name: '窦店镇人民政府', regionId: bench.ids.fangshan, level: 'township' })).json();
    expect((await as('admin', 'PATCH', `/api/agencies/${ag.id}`, { expected: false })).statusCode).toBe(200);
    const list = (await as('fangshan', 'GET', '/api/agencies?q=窦店')).json();
    expect(list[0]).toMatchObject({ name: '窦店镇人民政府', expected: false, regionId: bench.ids.fangshan });
  });

  it('users: create, change scope and password, disable; the OpenAPI document lists the contract', async () => {
    expect((await as('admin', 'POST', '/api/users', { username: 'x', password: 'short', role: 'admin' })).statusCode).toBe(400);
    expect((await as('admin', 'POST', '/api/users', { username: 'rev2', password: 'long-enough-1', role: 'reviewer' })).json().error).toMatch(/地区/);
    const u = (await as('admin', 'POST', '/api/users', { username: 'rev2', password: 'long-enough-1', role: 'reviewer', regionId: bench.ids.fangxian })).json();
    expect((await login('rev2', 'long-enough-1')).statusCode).toBe(200);
    expect((await as('admin', 'PATCH', `/api/users/${u.id}`, { password: 'new-password-2', regionId: bench.ids.fangshan })).statusCode).toBe(200);
    expect((await login('rev2', 'new-password-2')).statusCode).toBe(200);
    expect((await as('admin', 'PATCH', `/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await login('rev2', 'new-password-2')).statusCode).toBe(401);
    const users = (await as('admin', 'GET', '/api/users')).json();
    expect(users.find((x: { username: string }) => x.username === 'rev2')).toMatchObject({ role: 'reviewer', region: '房山区', disabled: true });
    expect(JSON.stringify(users)).not.toMatch(/scrypt/);
    const doc = (await as('clerk', 'GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/session', '/api/reports', '/api/reports/{id}']) expect(doc.paths[p]).toBeDefined();
    expect(doc.paths['/api/session'].post.security).toEqual([]);
  });
});
