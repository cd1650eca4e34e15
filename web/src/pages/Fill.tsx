import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Input, InputNumber, Row, Select, Space, Tag, Typography, message } from 'antd';
import { api, download, type Me } from '../api';
import { OfficialTables } from '../OfficialTables';
import { SECTIONS, cellKeys } from '../../../src/core/template';
import { ruleTitle } from '../rules';
import { totalsOf } from '../../../src/fix/totals';
import { checkForm } from '../../../src/workbench/form-report';
import type { CanonicalReport } from '../../../src/render/canonical';


/** Totals recomputed from their parts (only where every part is filled). */
function withTotals(r: CanonicalReport): CanonicalReport {
  const cells = { ...r.cells };
  for (let pass = 0; pass < 2; pass++)
    for (const t of totalsOf({ ...r, cells })) {
      const parts = t.parts.map((k) => cells[k]);
      if (parts.some((v) => v === null || v === undefined)) continue;
      cells[t.total] = Math.round((parts as number[]).reduce((a, b) => a + b, 0) * 1e6) / 1e6;
    }
  return { ...r, cells };
}

export function FillPage({ me }: { me: Me }) {
  const [agencies, setAgencies] = useState<{ id: number; name: string }[]>([]);
  const [agencyId, setAgencyId] = useState<number | null>(me.agency?.id ?? null);
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [report, setReport] = useState<CanonicalReport | null>(null);
  const [status, setStatus] = useState('new');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [auto, setAuto] = useState(true);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ type: 'success' | 'error' | 'info'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (me.role === 'admin') api('GET', '/api/agencies?limit=5000').then(setAgencies).catch(() => undefined);
  }, [me.role]);
  useEffect(() => {
    if (!agencyId) return;
    api('GET', `/api/drafts?year=${year}&agency=${agencyId}`)
      .then((d) => {
        setReport(d.report);
        setStatus(d.status);
        setDrafts({});
        setNote(null);
      })
      .catch((e) => setNote({ type: 'error', text: e.message }));
  }, [agencyId, year]);

  const totals = useMemo(() => (report ? new Set(totalsOf(report).map((t) => t.total)) : new Set<string>()), [report]);
  const findings = useMemo(() => (report ? checkForm(report) : []), [report]);
  const missing = findings.filter((f) => f.rule === 'cell-missing');
  const shown = findings.filter((f) => f.rule !== 'cell-missing');
  const bad = useMemo(() => new Set(shown.filter((f) => f.severity === 'error').flatMap((f) => f.cells)), [shown]);

  if (!agencyId)
    return (
      <div className="panel">
        <Typography.Title level={4}>填报</Typography.Title>
        {me.role === 'admin' ? (
          <Select showSearch optionFilterProp="label" placeholder="选择填报单位" style={{ width: 300 }} options={agencies.map((a) => ({ value: a.id, label: a.name }))} onChange={setAgencyId} aria-label="填报单位" />
        ) : (
          <Alert type="warning" message="您的账号没有指定单位，请联系管理员。" />
        )}
      </div>
    );
  if (!report) return null;

  const update = (next: CanonicalReport) => setReport(auto ? withTotals(next) : next);
  const setCell = (key: string, text: string) => {
    const t = text.trim();
    const n = t === '' ? null : Number(t);
    if (t !== '' && !Number.isFinite(n)) {
      setDrafts((d) => ({ ...d, [key]: text }));
      return;
    }
    setDrafts((d) => {
      const { [key]: _x, ...rest } = d;
      return t.endsWith('.') ? { ...rest, [key]: text } : rest;
    });
    update({ ...report, cells: { ...report.cells, [key]: n } });
  };
  const setSection = (key: string, text: string) => {
    const def = SECTIONS.find((s) => s.key === key)!;
    const has = report.sections.some((s) => s.key === key);
    const sections = has ? report.sections.map((s) => (s.key === key ? { ...s, text } : s)) : [...report.sections, { key: def.key, title: def.title, numbering: `${def.numeral}、`, text }];
    setReport({ ...report, sections });
  };
  const body = () => ({ agencyId, year, report });
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setNote({ type: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const version = report.meta.template ?? (year < 2021 ? '2019' : '2021');
  return (
    <div>
      <div className="panel" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            填报：{me.role === 'clerk' ? me.agency?.name : agencies.find((a) => a.id === agencyId)?.name}
          </Typography.Title>
          {me.role === 'admin' && <Select showSearch optionFilterProp="label" value={agencyId} style={{ width: 220 }} options={agencies.map((a) => ({ value: a.id, label: a.name }))} onChange={setAgencyId} aria-label="填报单位" />}
          <InputNumber aria-label="报告年度" min={2008} max={2100} value={year} onChange={(v) => v && setYear(Number(v))} addonAfter="年度" />
          <Tag color={status === 'submitted' ? 'green' : status === 'draft' ? 'blue' : 'default'}>{status === 'submitted' ? '已提交' : status === 'draft' ? '草稿' : '新报告'}</Tag>
          <Input aria-label="发布日期" placeholder="发布日期（如 2024-01-20）" style={{ width: 200 }} value={report.meta.publishedAt ?? ''} onChange={(e) => setReport({ ...report, meta: { ...report.meta, publishedAt: e.target.value || null } })} />
        </Space>
        <div style={{ marginTop: 8 }}>
          <Space wrap>
            <Button disabled={busy} onClick={() => act(async () => { await api('PUT', '/api/drafts', body()); setStatus('draft'); setNote({ type: 'success', text: '草稿已保存。' }); })}>保存草稿</Button>
            <Button
              type="primary"
              disabled={busy}
              onClick={() =>
                act(async () => {
                  const r = await api('POST', '/api/drafts/submit', body());
                  setStatus('submitted');
                  setNote({ type: r.errors ? 'info' : 'success', text: `已提交（报告编号 ${r.reportId}），错误 ${r.errors}，警告 ${r.warnings}。审核员现在可以看到这份报告。` });
                })
              }
            >
              提交
            </Button>
            <Button disabled={busy} onClick={() => act(() => download('/api/render?format=docx', { report }))}>下载 DOCX</Button>
            <Button disabled={busy} onClick={() => act(() => download('/api/render?format=html', { report }))}>下载 HTML</Button>
            <Button disabled={busy} onClick={() => act(() => download('/api/render?format=xlsx', { report }))}>下载填报表</Button>
            <Button disabled={busy} onClick={() => fileInput.current?.click()}>导入填报表</Button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".xlsx,.xls,.et,.ods,.json,.docx,.doc,.wps,.rtf,.odt,.txt,.md,.html,.htm"
              data-testid="workbook-input"
              onChange={(e) =>
                act(async () => {
                  const f = e.target.files?.[0];
                  if (!f) return;
                  const fd = new FormData();
                  fd.append('file', f, f.name);
                  const r = await api('POST', '/api/drafts/import', fd);
                  const cells: Record<string, number | null> = {};
                  for (const k of cellKeys(version)) cells[k] = r.cells[k] ?? null;
                  setReport({ ...report, sections: r.sections.length ? r.sections : report.sections, cells, meta: { ...report.meta, publishedAt: r.meta.publishedAt ?? report.meta.publishedAt } });
                  setNote({ type: 'success', text: `已导入“${f.name}”。` });
                  e.target.value = '';
                })
              }
            />
            <Button disabled={busy} onClick={() => update({ ...report, cells: Object.fromEntries(Object.entries(report.cells).map(([k, v]) => [k, v ?? 0])) })}>空白单元格填 0</Button>
            <Checkbox checked={auto} onChange={(e) => { setAuto(e.target.checked); if (e.target.checked) setReport(withTotals(report)); }}>自动计算合计</Checkbox>
          </Space>
        </div>
        {note && <Alert style={{ marginTop: 8 }} type={note.type} message={note.text} closable onClose={() => setNote(null)} />}
      </div>
      <Row gutter={12}>
        <Col span={16}>
          <div className="panel">
            {SECTIONS.map((s) => (
              <div key={s.key} style={{ marginBottom: 12 }}>
                <div style={{ fontWeight: 600 }}>
                  {s.numeral}、{s.title}
                </div>
                <Input.TextArea
                  aria-label={`${s.numeral}、${s.title}`}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={report.sections.find((x) => x.key === s.key)?.text ?? ''}
                  onChange={(e) => setSection(s.key, e.target.value)}
                />
                {s.table && <div style={{ marginTop: 6 }}><OfficialTables report={report} only={[s.table]} bad={bad} computed={auto ? totals : undefined} drafts={drafts} onChange={setCell} /></div>}
              </div>
            ))}
          </div>
        </Col>
        <Col span={8}>
          <div className="panel" style={{ position: 'sticky', top: 8 }} data-testid="live-findings">
            <Typography.Title level={5}>实时检查（{shown.length}）</Typography.Title>
            {missing.length > 0 && <Alert type="warning" message={`尚有空白单元格：${missing.reduce((n, f) => n + f.cells.length, 0)} 个（没有数据请填 0）。`} style={{ marginBottom: 8 }} />}
            {shown.length === 0 && <Alert type="success" message="勾稽关系与格式检查均通过。" />}
            <div style={{ maxHeight: '70vh', overflow: 'auto' }}>
              {shown.map((f, i) => (
                <div key={i} className="finding" data-rule={f.rule}>
                  <Tag color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'blue'}>{f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}</Tag>
                  <b>{ruleTitle(f.rule)}</b>
                  <div>{f.message}</div>
                </div>
              ))}
            </div>
          </div>
        </Col>
      </Row>
    </div>
  );
}
