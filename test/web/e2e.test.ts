/**
 * The workbench in a real browser (playwright-core driving Debian's chromium): upload the sample
 * reports, see 北宫镇's errors, click a finding and see the cells lit in the table and the source,
 * correct a cell and dismiss a finding, see a PDF cell's box, use 对比 / 总览 / 单位与地区 / 用户, check a
 * district reviewer's scope, and fill in a report with live checks, download its DOCX and read it
 * back with `nianbao parse`. Screenshots of each page go to test-artifacts/web/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_WEB_ROOT } from '../../src/server/app.js';
import { CLI, ROOT } from '../helpers/paths.js';
import { makeBench, PASSWORD, type Bench } from '../server/harness.js';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');
const SAMPLES = path.join(ROOT, 'samples');

describe.skipIf(!fs.existsSync(CHROMIUM) && !process.env.CI)('workbench in a browser', () => {
  let bench: Bench;
  let browser: Browser;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    bench = await makeBench({ webRoot: DEFAULT_WEB_ROOT });
    await bench.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = bench.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
    page.setDefaultTimeout(30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });

  async function login(user: string) {
    await page.goto(`${base}/#/reports`);
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.who').waitFor();
  }

  async function logout() {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('用户名').waitFor();
  }

  const apiGet = (url: string): Promise<{ status: number; body: any }> =>
    page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, body: await r.json() };
    }, url);

  async function openReport(q: string): Promise<number> {
    const list = await apiGet(`/api/reports?q=${encodeURIComponent(q)}`);
    const id = list.body.items[0].id as number;
    await page.goto(`${base}/#/reports/${id}`);
    await page.locator('table.official').first().waitFor();
    return id;
  }

  it('logs in, uploads the samples and shows 北宫镇 with its errors', async () => {
    await page.goto(base);
    await shot('00-login');
    await login('admin');
    await page.goto(`${base}/#/import`);
    const files = fs.readdirSync(SAMPLES).filter((f) => /\.(txt|html|pdf)$/.test(f)).map((f) => path.join(SAMPLES, f));
    await page.setInputFiles('[data-testid=file-input]', files);
    await page.getByText(/完成：读取 \d+ 份/).waitFor({ timeout: 120_000 });
    const done = await page.getByText(/完成：读取 \d+ 份/).textContent();
    expect(done).toContain(`读取 ${files.length} 份`);
    await shot('01-import');

    await page.goto(`${base}/#/reports`);
    await page.getByLabel('搜索机关名称').fill('北宫镇');
    await page.getByLabel('搜索机关名称').press('Enter');
    await page.getByRole('link', { name: '北宫镇' }).waitFor();
    await shot('02-list');
    await page.getByRole('link', { name: '北宫镇' }).click();
    await page.locator('.finding').first().waitFor();
    expect(await page.locator('.finding[data-rule="requests-balance"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-tag', { hasText: /^错误 [1-9]/ }).count()).toBeGreaterThan(0);
  });

  it('clicking a finding lights its cells in the table and the source', async () => {
    const finding = page.locator('.finding[data-rule="requests-balance"]').first();
    await finding.click();
    const lit = page.locator('table.official td.hl');
    await expect.poll(() => lit.count()).toBe(4);
    const keys = await lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys).toContain('t3.newReceived.naturalPerson');
    await expect.poll(() => page.locator('[data-testid=source] mark.hl').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=source] mark.hl').first().isVisible()).toBe(true);
    await shot('03-detail-finding');
  });

  it('a reviewer corrects a misread cell (who/when kept, checks re-run) and dismisses a finding', async () => {
    const before = await page.locator('.finding[data-rule="requests-outcome-total"]').count();
    await page.locator('table.official td[data-key="t3.total.naturalPerson"]').click();
    await page.getByLabel('更正值').fill('22');
    await page.getByLabel('更正说明').fill('原件该格为 22，抽取误读');
    await page.getByRole('button', { name: '保存更正并重新检查' }).click();
    await page.locator('[data-testid=correction]').waitFor();
    expect(await page.locator('[data-testid=correction]').textContent()).toMatch(/admin：.*由 0（原文“0”）改为 22/);
    await expect.poll(() => page.locator('.finding[data-rule="requests-outcome-total"]').count()).toBe(before - 1);
    expect(await page.locator('td.corrected[data-key="t3.total.naturalPerson"]').count()).toBe(1);

    const first = page.locator('.finding').first();
    await first.getByRole('button', { name: /驳\s*回/ }).click();
    await page.getByLabel('审核意见').fill('该项已在原件附注中说明');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已驳回（admin）/).waitFor();
    await shot('04-detail-corrected');
  });

  it('a PDF report shows the page with the cell boxed', async () => {
    await openReport('淮安');
    const cell = page.locator('table.official td[data-key="t3.newReceived.total"]');
    await cell.click();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    // The dialog closes with an animation; on a loaded machine a click can land before it
    // takes clicks: cancel again until no dialog is open.
    await expect
      .poll(
        async () => {
          const open = await page.locator('.ant-modal-wrap:visible').count();
          if (open) await page.getByRole('button', { name: /取\s*消/ }).first().click({ timeout: 2_000 }).catch(() => undefined);
          return open;
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    await page.getByRole('tab', { name: 'PDF 页面' }).click();
    const box = page.locator('[data-testid=pdf-box]').first();
    await box.waitFor();
    await expect.poll(() => page.locator('.pdf-page:has([data-testid=pdf-box]) img').first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 60_000 }).toBeGreaterThan(500);
    await box.scrollIntoViewIfNeeded();
    await shot('05-detail-pdf');
  });

  it('对比: two years of 平潭 with cell deltas and a section diff', async () => {
    const list = await apiGet(`/api/reports?q=${encodeURIComponent('平潭')}&sort=year&order=asc`);
    expect(list.body.items.length).toBe(2);
    const [a, b] = list.body.items;
    await page.goto(`${base}/#/compare?agency=${a.agencyId}&a=${a.id}&b=${b.id}`);
    await page.getByText('章节文字差异').waitFor();
    await expect.poll(() => page.locator('[data-testid=delta]').count()).toBeGreaterThan(0);
    expect(await page.locator('.diff-add, .diff-del').count()).toBeGreaterThan(0);
    await shot('06-compare');
  });

  it('总览: counts, charts, heatmap and the findings export', async () => {
    await page.goto(`${base}/#/overview`);
    await page.locator('[data-testid=heatmap] canvas').first().waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出问题清单/ }).click()]);
    expect(dl.suggestedFilename()).toMatch(/^问题清单-\d{4}\.xlsx$/);
    const file = path.join(bench.dir, dl.suggestedFilename());
    await dl.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    await shot('07-overview');
  });

  it('单位与地区: the region tree, CSV import and export', async () => {
    await page.goto(`${base}/#/units`);
    await page.getByText('房山区').first().waitFor();
    const csv = path.join(bench.dir, 'units.csv');
    fs.writeFileSync(csv, '\ufeff地区,单位,层级,应报\n北京市/房山区/窦店镇,窦店镇人民政府,乡镇,是\n');
    await page.setInputFiles('[data-testid=csv-input]', csv);
    await page.getByText('已导入 1 个单位').waitFor();
    await page.getByText('窦店镇人民政府').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    const out = path.join(bench.dir, 'export.csv');
    await dl.saveAs(out);
    expect(fs.readFileSync(out, 'utf8')).toContain('北京市/房山区/窦店镇,窦店镇人民政府,乡镇,是');
    await shot('08-units');
  });

  it('用户: accounts with roles and scopes, a new one created, the audit log', async () => {
    await page.goto(`${base}/#/users`);
    await page.getByRole('cell', { name: 'fangshan' }).waitFor();
    expect(await page.getByText('地区：房山区（含下级）').count()).toBe(1);
    await page.getByRole('button', { name: /新建用户/ }).click();
    await page.getByLabel('用户名').fill('auditor');
    await page.getByLabel('密码').fill('another-pass-1');
    await page.getByLabel('角色').click();
    await page.locator('.ant-select-item-option[title="管理员"]').click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: 'auditor', exact: true }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'upload' }).count()).toBeGreaterThan(0);
    await shot('09-users');
    await logout();
  });

  it('a district reviewer sees only their district', async () => {
    await login('fangxian');
    await page.goto(`${base}/#/reports`);
    await page.getByRole('link', { name: /白鹤镇/ }).waitFor();
    const agencies = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(agencies.length).toBe(1);
    const all = await apiGet('/api/reports?pageSize=200');
    expect(all.body.items.map((r: { agency: string }) => r.agency)).toEqual(['房县白鹤镇人民政府']);
    const beigong = await bench.store.db.selectFrom('reports').select('id').where('agency_printed', '=', '北宫镇').executeTakeFirstOrThrow();
    expect((await apiGet(`/api/reports/${beigong.id}`)).status).toBe(403);
    await page.goto(`${base}/#/reports/${beigong.id}`);
    await page.getByText(/无权查看该报告/).waitFor();
    await shot('10-reviewer-scope');
    await logout();
  });

  it('填报: live checks turn a broken total red, the DOCX reads back as typed, the submission reaches the reviewer', async () => {
    await login('clerk');
    await page.goto(`${base}/#/fill`);
    await page.getByRole('button', { name: '空白单元格填 0' }).click();
    await page.getByLabel('一、总体情况').fill('2024年，本镇认真贯彻落实政府信息公开条例，主动公开各类信息。');
    await page.getByLabel('五、存在的主要问题及改进情况').fill('存在的问题是公开内容不够全面。下一步将加强培训。');
    await page.getByLabel('六、其他需要报告的事项').fill('本年度未收取信息处理费。');
    const input = (k: string) => page.locator(`input[data-key="${k}"]`);
    await input('t2.regulations.valid').fill('3');
    await input('t3.newReceived.naturalPerson').fill('5');
    await input('t3.granted.naturalPerson').fill('4');
    await input('t3.partialGrant.naturalPerson').fill('1');
    await expect.poll(() => input('t3.total.naturalPerson').inputValue()).toBe('5');
    await expect.poll(() => page.locator('td.bad').count()).toBe(0);
    await page.getByText('自动计算合计').click();
    await input('t3.total.naturalPerson').fill('7');
    const totalCell = page.locator('td.bad[data-key="t3.total.naturalPerson"]');
    await totalCell.waitFor();
    expect(await page.locator('[data-testid=live-findings] .finding[data-rule="requests-outcome-total"]').count()).toBe(1);
    await shot('11-fill-broken');
    await input('t3.total.naturalPerson').fill('5');
    await expect.poll(() => page.locator('td.bad').count()).toBe(0);
    await shot('12-fill-fixed');

    const typed = await page.locator('input[data-key]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-key'), (e as unknown as { value: string }).value])));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 DOCX' }).click()]);
    const docx = path.join(bench.dir, 'filled.docx');
    await dl.saveAs(docx);
    // parse exits 1 when the report has findings of severity error; its JSON is the same.
    const run = spawnSync(process.execPath, [...CLI, 'parse', docx, '--format', 'json'], { encoding: 'utf8' });
    expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.meta.agency).toBe('长阳镇人民政府');
    const expected = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, v === '' ? null : Number(v)]));
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, parsed.cells[k]]));
    expect(got).toEqual(expected);
    expect(parsed.sections.find((s: { key: string }) => s.key === 'overview').text).toContain('主动公开各类信息');

    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText(/已提交（报告编号 \d+）/).waitFor();
    await logout();
    await login('fangshan');
    await page.goto(`${base}/#/reports`);
    await page.getByRole('link', { name: '长阳镇人民政府' }).waitFor();
    await shot('13-reviewer-sees-submission');
  });
});
