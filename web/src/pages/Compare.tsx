import React, { useEffect, useState } from 'react';
import { Alert, Checkbox, Col, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import { ruleTitle } from '../rules';


function ReportPicker({ label, agency, report, onAgency, onReport }: { label: string; agency: number | null; report: number | null; onAgency: (id: number | null) => void; onReport: (id: number | null) => void }) {
  const [agencies, setAgencies] = useState<any[]>([]);
  const [reports, setReports] = useState<any[]>([]);
  const search = (q: string) => api('GET', `/api/agencies?limit=50&q=${encodeURIComponent(q)}`).then(setAgencies).catch(() => undefined);
  useEffect(() => {
    search('');
  }, []);
  useEffect(() => {
    if (!agency) return setReports([]);
    api('GET', `/api/agencies/${agency}/reports`).then(setReports).catch(() => setReports([]));
  }, [agency]);
  return (
    <Space>
      <span>{label}</span>
      <Select showSearch filterOption={false} onSearch={search} placeholder="单位" style={{ width: 220 }} value={agency ?? undefined} options={agencies.map((a) => ({ value: a.id, label: a.name }))} onChange={(v) => { onAgency(v); onReport(null); }} aria-label={`${label}单位`} />
      <Select placeholder="年度" style={{ width: 160 }} value={report ?? undefined} options={reports.map((r) => ({ value: r.id, label: `${r.year ?? '年度不明'}（编号 ${r.id}）` }))} onChange={onReport} aria-label={`${label}年度`} />
    </Space>
  );
}

export function ComparePage({ query }: { query: string }) {
  const params = new URLSearchParams(query);
  const initialAgency = params.get('agency') ? Number(params.get('agency')) : null;
  const [agencyA, setAgencyA] = useState<number | null>(initialAgency);
  const [agencyB, setAgencyB] = useState<number | null>(initialAgency);
  const [a, setA] = useState<number | null>(params.get('a') ? Number(params.get('a')) : null);
  const [b, setB] = useState<number | null>(params.get('b') ? Number(params.get('b')) : null);
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState('');
  const [changedOnly, setChangedOnly] = useState(true);
  useEffect(() => {
    if (!a || !b) return setData(null);
    api('GET', `/api/compare?a=${a}&b=${b}`).then((d) => { setData(d); setError(''); }).catch((e) => setError(e.message));
  }, [a, b]);
  const cells = (data?.cells ?? []).filter((c: any) => !changedOnly || c.before !== c.after);
  return (
    <div className="panel">
      <Typography.Title level={4}>对比</Typography.Title>
      <Typography.Paragraph type="secondary">同一单位的两个年度，或两个单位的报告。</Typography.Paragraph>
      <Space direction="vertical">
        <ReportPicker label="甲" agency={agencyA} report={a} onAgency={(v) => { setAgencyA(v); if (!agencyB) setAgencyB(v); }} onReport={setA} />
        <ReportPicker label="乙" agency={agencyB} report={b} onAgency={setAgencyB} onReport={setB} />
      </Space>
      {error && <Alert type="error" message={error} />}
      {data && (
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col span={12}>
            <Typography.Title level={5}>
              单元格变化：{data.a.agency} {data.a.year} → {data.b.agency} {data.b.year}
            </Typography.Title>
            <Checkbox checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)}>只看有变化的</Checkbox>
            <Table
              size="small"
              rowKey="key"
              dataSource={cells}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: '单元格', dataIndex: 'label' },
                { title: '甲', dataIndex: 'before', width: 70, render: (v) => v ?? '空白' },
                { title: '乙', dataIndex: 'after', width: 70, render: (v) => v ?? '空白' },
                { title: '增减', dataIndex: 'delta', width: 80, render: (d: number | null) => (d === null ? '' : <span className={d > 0 ? 'delta-up' : d < 0 ? 'delta-down' : ''} data-testid="delta">{d > 0 ? `+${d}` : d}</span>) },
              ]}
            />
            <Typography.Title level={5}>新出现的问题（{data.findingsNew.length}）</Typography.Title>
            {data.findingsNew.map((f: any, i: number) => <div key={i}><Tag color="red">新</Tag>{ruleTitle(f.rule)}：{f.message}</div>)}
            <Typography.Title level={5}>已改正的问题（{data.findingsFixed.length}）</Typography.Title>
            {data.findingsFixed.map((f: any, i: number) => <div key={i}><Tag color="green">已改</Tag>{ruleTitle(f.rule)}：{f.message}</div>)}
          </Col>
          <Col span={12}>
            <Typography.Title level={5}>章节文字差异</Typography.Title>
            {data.sections.map((s: any) => (
              <div key={s.key} style={{ marginBottom: 8 }}>
                <b>{s.title}</b>
                <div>
                  {s.diff.map((d: any, i: number) => (
                    <span key={i} className={d.op === '+' ? 'diff-add' : d.op === '-' ? 'diff-del' : ''}>{d.text}</span>
                  ))}
                </div>
              </div>
            ))}
          </Col>
        </Row>
      )}
    </div>
  );
}
