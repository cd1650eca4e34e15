import { describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/index.js';
import { parseDate } from '../../src/core/dates.js';
import { levelOf, ocrYearDigits } from '../../src/extract/meta.js';
import { readText } from '../../src/read/text.js';

const BODY = '\n一、总体情况\n本年度持续推进政务公开。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n六、其他需要报告的事项\n无。\n';

describe('meta', () => {
  it('administrative level from the agency name', () => {
    expect(levelOf('北宫镇人民政府')).toBe('township');
    expect(levelOf('阎村镇')).toBe('township');
    expect(levelOf('朝阳门街道办事处')).toBe('subdistrict');
    expect(levelOf('淮安市洪泽区人民政府')).toBe('county');
    expect(levelOf('房县人民政府')).toBe('county');
    expect(levelOf('淮安市人民政府')).toBe('city');
    expect(levelOf('上海市人民政府办公厅')).toBe('province');
    expect(levelOf('江苏省人民政府')).toBe('province');
    expect(levelOf('淮安市财政局')).toBe('department');
    expect(levelOf('平潭综合实验区')).toBe('county');
  });

  it('dates in the forms reports use', () => {
    expect(parseDate('2024年01月23日 16:12:21')).toBe('2024-01-23');
    expect(parseDate('发布日期：2020-01-31')).toBe('2020-01-31');
    expect(parseDate('二〇二四年一月二十日')).toBe('2024-01-20');
    expect(parseDate('2024年13月1日')).toBeNull();
  });

  it('title gives agency and year; a year before the name works too', () => {
    const a = extractReport(readText(`北宫镇2023年政府信息公开工作年度报告${BODY}`), 'a.txt').meta;
    expect(a).toMatchObject({ agency: '北宫镇', year: 2023, level: 'township', template: '2021' });
    const b = extractReport(readText(`2019年上海市人民政府办公厅政府信息公开工作年度报告${BODY}`), 'b.txt').meta;
    expect(b).toMatchObject({ agency: '上海市人民政府办公厅', year: 2019 });
  });

  it('a page run together on one line, words parted by spaces (get_text(\' \')): the title is the first word that is one', () => {
    const line = '正安县人民政府2024年政府信息公开工作年度报告_政府信息公开年报 首页 > 政务公开 > 政府信息公开年报 正安县人民政府2024年政府信息公开工作年度报告 发布时间：2025-02-16 来源：党政办 一、总体情况 本年度持续推进政务公开。';
    const meta = extractReport(readText(`${line} 二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 六、其他需要报告的事项 无。`), 'a.txt').meta;
    expect(meta).toMatchObject({ agency: '正安县人民政府', year: 2024, level: 'county' });
    // A breadcrumb's column (政府信息公开年报) alone is no title.
    expect(extractReport(readText(`首页 > 政务公开 > 政府信息公开年报 ${'本年度持续推进政务公开。'.repeat(6)}${BODY}`), 'b.txt').meta.agency).toBeNull();
  });

  it('lines of the page above the title (the site\'s name, an info bar, a search box, a reader\'s `Title:`) are no part of it', () => {
    const meta = (head: string) => extractReport(readText(`${head}${BODY}`), 'a.txt').meta;
    expect(meta('淮安市市场监督管理局\n淮安市市场监督管理局2023年政府信息公开工作年度报告')).toMatchObject({ agency: '淮安市市场监督管理局', year: 2023 });
    expect(meta('发布日期：2024-01-15 09:34　来源：淮安市市场监督管理局　字号：[大中小]\n淮安市市场监督管理局2023年政府信息公开工作年度报告')).toMatchObject({ agency: '淮安市市场监督管理局' });
    expect(meta('[请输入关键字        ]搜索\n淮安市市场监督管理局2023年政府信息公开工作年度报告')).toMatchObject({ agency: '淮安市市场监督管理局' });
    expect(meta('Title: 淮安市市场监督管理局2023年政府信息公开工作年度报告')).toMatchObject({ agency: '淮安市市场监督管理局' });
    expect(meta('盱眙县人民政府\n盱眙县人民政府关于2023年度政府信息公开工\n作的年度报告')).toMatchObject({ agency: '盱眙县人民政府', year: 2023 });
    // A title wrapped after its first place names keeps them.
    expect(meta('江苏省南京市\n鼓楼区人民政府2023年政府信息公开工作年度报告')).toMatchObject({ agency: '江苏省南京市鼓楼区人民政府' });
  });

  it('a title with a character lost to a font without a Unicode map names no agency (the 落款 may)', () => {
    const garbled = extractReport(readText(`à安县新华街道办事处2023年政府信息公开工作年度报告${BODY}`), 'a.txt').meta;
    expect(garbled.agency).toBeNull();
    const signed = extractReport(readText(`à安县新华街道办事处2023年政府信息公开工作年度报告${BODY}远安县新华街道办事处\n2024年1月20日\n`), 'a.txt').meta;
    expect(signed.agency).toBe('远安县新华街道办事处');
  });

  it('a page title carried into the document keeps the site\'s column after a separator: the report\'s part names the agency', () => {
    const a = extractReport(readText(`淮安市人民政府2022年政府信息公开工作年度报告_政府信息公开年报${BODY}`), 'a.txt').meta;
    expect(a).toMatchObject({ agency: '淮安市人民政府', year: 2022, level: 'city', title: '淮安市人民政府2022年政府信息公开工作年度报告' });
    const b = extractReport({ ...readText(`x${BODY}`), hints: { title: '北宫镇2023年政府信息公开工作年度报告 - 北京市房山区人民政府' } }, 'b.txt').meta;
    expect(b).toMatchObject({ agency: '北宫镇', year: 2023 });
  });

  it('year from the body when the title lacks it', () => {
    const m = extractReport(readText(`阎村镇人民政府\n\n政府信息公开工作年度报告\n根据《关于做好2023年政府信息公开工作年度报告编制和发布工作的通知》要求${BODY}`), 'c.txt').meta;
    expect(m).toMatchObject({ agency: '阎村镇人民政府', year: 2023 });
  });

  it('publication date from 撰写时间 or the 落款 date at the end', () => {
    const a = extractReport(readText(`某镇2023年政府信息公开工作年度报告\n撰写时间\n2024年01月23日 16:12:21${BODY}`), 'a.txt').meta;
    expect(a.publishedAt).toBe('2024-01-23');
    const b = extractReport(readText(`某镇2023年政府信息公开工作年度报告${BODY}某镇人民政府\n2024年1月20日\n`), 'b.txt').meta;
    expect(b.publishedAt).toBe('2024-01-20');
  });

  it('template version from the labels, not only the year', () => {
    const old = BODY.replace('本年制发件数\t本年废止件数\t现行有效件数', '本年新制作数量\t本年新公开数量\t对外公开总数量');
    expect(extractReport(readText(`某镇2022年政府信息公开工作年度报告${old}`), 'x.txt').meta.template).toBe('2019');
  });
});

describe('sections', () => {
  it('matched by title whatever the numbering, with the numbering kept as printed', () => {
    const r = extractReport(readText('某镇2023年政府信息公开工作年度报告\n一、总体情况\n正文\n2、 主动公开政府信息情况\n规章\t0\t0\t0\n3、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n4、 存在的主要问题及改进情况\n六、其他需要报告的事项\n无'), 'x.txt');
    expect(r.sections.map((s) => [s.key, s.numbering])).toEqual([
      ['overview', '一、'],
      ['proactive', '2、'],
      ['requests', '3、'],
      ['appeals', '四、'],
      ['problems', '4、'],
      ['other', '六、'],
    ]);
  });

  it('a prose sentence naming the sections is not a heading', () => {
    const r = extractReport(readText('某镇2023年政府信息公开工作年度报告\n本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。\n一、总体情况\n正文\n二、主动公开政府信息情况\n规章\t0\t0\t0'), 'x.txt');
    expect(r.sections.map((s) => s.key)).toEqual(['overview', 'proactive']);
    expect(r.sections[0].pos.line).toBe(3);
  });

  it("a text browser's dump of a portal page: listed breadcrumb items are no title, the info bar's 时间 is the date", () => {
    const page = '当前位置：\n\n  • 首页\n  • 政务公开\n  • 政府信息公开\n  • 政府信息公开年报\n\n平潭综合实验区2023年度政府信息公开工作年度报告\n来源：平潭综合实验区管委会办公室时间：2024-03-08 15:34\n';
    const m = extractReport(readText(page + BODY), 'x.txt').meta;
    expect(m).toMatchObject({ agency: '平潭综合实验区', title: '平潭综合实验区2023年度政府信息公开工作年度报告', publishedAt: '2024-03-08' });
    // lynx's bullets (*) too; a dash that is no bullet (-3-, a figure) is not taken for one.
    expect(extractReport(readText('   * 政府信息公开\n   * 政府信息公开年报\n\n某某镇2023年政府信息公开工作年度报告\n' + BODY), 'x.txt').meta.title).toBe('某某镇2023年政府信息公开工作年度报告');
  });

  it('a date beside 时间 is no publication date without the info bar’s 来源', () => {
    const m = extractReport(readText('某某镇2023年政府信息公开工作年度报告\n统计时间：2023-12-31\n' + BODY), 'x.txt').meta;
    expect(m.publishedAt).toBeNull();
  });

  it('a text that is not a report is refused', () => {
    expect(() => extractReport(readText('这是一封普通的信。\n祝好！'), 'x.txt')).toThrow(/不像政府信息公开工作年度报告/);
  });
});

describe('a scanned title whose year OCR read with a letter for a digit', () => {
  it('202s年 is 2025年, 2O23年 is 2023年; a year with three letters, or outside 19xx/20xx, stays as read', () => {
    expect(ocrYearDigits('苍南县滨江街道办事处202s年政府信息公开工作年度报告')).toBe('苍南县滨江街道办事处2025年政府信息公开工作年度报告');
    expect(ocrYearDigits('2O23年度某某局政府信息公开工作年度报告')).toBe('2023年度某某局政府信息公开工作年度报告');
    expect(ocrYearDigits('2024年报告')).toBe('2024年报告');
    expect(ocrYearDigits('2sss年报告')).toBe('2sss年报告');
    expect(ocrYearDigits('1s23年报告')).toBe('1s23年报告');
  });

  it('gives the agency and the year of a scan; a text keeps what it prints', () => {
    const text = '苍南县滨江街道办事处202s年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n';
    const doc = readText(text);
    const scanned = { ...doc, blocks: doc.blocks.map((b) => ({ ...b, pos: { ...b.pos, page: 1, box: [0, 0, 100, 20] as [number, number, number, number], dpi: 200 } })) };
    const meta = extractReport(scanned, 'x.pdf').meta;
    expect(meta.agency).toBe('苍南县滨江街道办事处');
    expect(meta.year).toBe(2025);
    expect(extractReport(doc, 'x.txt').meta.year).not.toBe(2025);
  });

  it('joins a wrapped title whose first line ends in a speck read as a mark (…工作年_ | 度报告)', () => {
    const doc = readText('师宗县人民政府2019年政府信息公开工作年_\n度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n');
    const meta = extractReport(doc, 'x.txt').meta;
    expect(meta.agency).toBe('师宗县人民政府');
    expect(meta.title).toBe('师宗县人民政府2019年政府信息公开工作年度报告');
  });
});

