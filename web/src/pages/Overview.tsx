import React, { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, InputNumber, Row, Space, Statistic, Table, TreeSelect, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { api, download } from '../api';
import { ruleTitle } from '../rules';
import { regionTree, type Region } from '../regions';

const ruleName = ruleTitle;

export function OverviewPage() {
  const [regions, setRegions] = useState<Region[]>([]);
  const [region, setRegion] = useState<number | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [d, setD] = useState<any>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<Region[]>('GET', '/api/regions').then(setRegions).catch(() => undefined);
  }, []);
  const qs = () => new URLSearchParams(Object.entries({ region, year }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  useEffect(() => {
    api('GET', `/api/overview?${qs()}`).then((x) => { setD(x); setError(''); }).catch((e) => setError(e.message));
  }, [region, year]);
  if (error) return <Alert type="error" message={error} />;
  if (!d) return null;
  const heatData = d.heatmap.cells.map((c: any) => [d.heatmap.rules.indexOf(c.rule), d.heatmap.agencies.findIndex((a: any) => a.reportId === c.reportId), c.n]);
  const maxHeat = Math.max(1, ...d.heatmap.cells.map((c: any) => c.n));
  return (
    <div>
      <div className="panel" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>总览</Typography.Title>
          <TreeSelect allowClear placeholder="全部地区" style={{ width: 200 }} treeData={regionTree(regions)} treeDefaultExpandAll value={region} onChange={setRegion} aria-label="地区" />
          <InputNumber aria-label="年度" min={2008} max={2100} value={year ?? d.year} onChange={(v) => setYear(v ?? undefined)} addonAfter="年度" />
          <Button onClick={() => download(`/api/overview/findings.xlsx?${new URLSearchParams({ ...(region ? { region: String(region) } : {}), year: String(year ?? d.year) })}`)}>导出问题清单（XLSX）</Button>
        </Space>
      </div>
      <Row gutter={12}>
        <Col span={6}><Card><Statistic title={`${d.year} 年应报单位`} value={d.expected} /></Card></Col>
        <Col span={6}><Card><Statistic title="已收到报告" value={d.received} /></Card></Col>
        <Col span={6}><Card><Statistic title="未报单位" value={d.missing.length} valueStyle={{ color: d.missing.length ? '#cf1322' : undefined }} /></Card></Col>
        <Col span={6}><Card><Statistic title="错误总数" value={d.rules.filter((r: any) => r.severity === 'error').reduce((n: number, r: any) => n + r.findings, 0)} /></Card></Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={12}>
          <div className="panel">
            <Typography.Title level={5}>按规则统计</Typography.Title>
            <ReactECharts
              style={{ height: 280 }}
              option={{
                grid: { left: 160, right: 20, top: 10, bottom: 20 },
                tooltip: {},
                xAxis: { type: 'value' },
                yAxis: { type: 'category', data: d.rules.map((r: any) => ruleName(r.rule)).reverse() },
                series: [{ type: 'bar', data: d.rules.map((r: any) => ({ value: r.findings, itemStyle: { color: r.severity === 'error' ? '#ff4d4f' : '#faad14' } })).reverse() }],
              }}
            />
          </div>
        </Col>
        <Col span={12}>
          <div className="panel">
            <Typography.Title level={5}>申请量趋势</Typography.Title>
            <ReactECharts
              style={{ height: 280 }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0, textStyle: { fontSize: 10 } },
                grid: { left: 50, right: 20, top: 50, bottom: 30 },
                xAxis: { type: 'category', data: d.trends.years },
                yAxis: { type: 'value' },
                series: d.trends.series.map((s: any) => ({ type: 'line', name: s.label, data: s.values })),
              }}
            />
          </div>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={14}>
          <div className="panel" data-testid="heatmap">
            <Typography.Title level={5}>单位 × 规则 热力图</Typography.Title>
            {d.heatmap.agencies.length === 0 ? (
              <Alert type="success" message="没有问题。" />
            ) : (
              <ReactECharts
                style={{ height: Math.max(220, 40 + d.heatmap.agencies.length * 24) }}
                option={{
                  tooltip: { formatter: (p: any) => `${d.heatmap.agencies[p.value[1]].agency}<br/>${ruleName(d.heatmap.rules[p.value[0]])}：${p.value[2]}` },
                  grid: { left: 160, right: 20, top: 10, bottom: 90 },
                  xAxis: { type: 'category', data: d.heatmap.rules.map(ruleName), axisLabel: { rotate: 40, fontSize: 10 } },
                  yAxis: { type: 'category', data: d.heatmap.agencies.map((a: any) => a.agency) },
                  visualMap: { min: 0, max: maxHeat, orient: 'horizontal', left: 'center', bottom: 0, show: false, inRange: { color: ['#fff7e6', '#ff4d4f'] } },
                  series: [{ type: 'heatmap', data: heatData, label: { show: true } }],
                }}
              />
            )}
          </div>
        </Col>
        <Col span={10}>
          <div className="panel">
            <Typography.Title level={5}>问题最多的报告</Typography.Title>
            <Table size="small" rowKey="reportId" pagination={false} dataSource={d.ranking.slice(0, 10)} columns={[
              { title: '单位', dataIndex: 'agency', render: (v, r: any) => <a href={`#/reports/${r.reportId}`}>{v}</a> },
              { title: '错误', dataIndex: 'errors', width: 60 },
              { title: '警告', dataIndex: 'warnings', width: 60 },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>未报单位（{d.missing.length}）</Typography.Title>
            <div data-testid="missing">{d.missing.map((m: any) => m.name).join('、') || '无'}</div>
          </div>
        </Col>
      </Row>
    </div>
  );
}
