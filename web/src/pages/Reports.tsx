import React, { useEffect, useState } from 'react';
import { Alert, Input, InputNumber, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { api, LEVELS } from '../api';
import { ALL_RULES } from '../rules';
import { regionTree, type Region } from '../regions';

const STATUSES = [
  { value: 'errors', label: '有错误' },
  { value: 'warnings', label: '仅有警告' },
  { value: 'clean', label: '无问题' },
  { value: 'failed', label: '读取失败' },
];

export function ReportsPage() {
  const [regions, setRegions] = useState<Region[]>([]);
  const [f, setF] = useState<Record<string, any>>({ page: 1, pageSize: 20, sort: 'id', order: 'desc' });
  const [data, setData] = useState<{ items: any[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    api<Region[]>('GET', '/api/regions').then(setRegions).catch(() => undefined);
  }, []);
  useEffect(() => {
    const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
    setLoading(true);
    api('GET', `/api/reports?${qs}`)
      .then((d) => {
        setData(d);
        setError('');
      })
      .catch((e) => setError(e.message))
      .finally(() => setLoading(false));
  }, [f]);
  const set = (patch: Record<string, any>) => setF((x) => ({ ...x, page: 1, ...patch }));
  return (
    <div className="panel">
      <Typography.Title level={4}>年报列表</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <TreeSelect allowClear placeholder="地区" style={{ width: 200 }} treeData={regionTree(regions)} treeDefaultExpandAll onChange={(v) => set({ region: v })} aria-label="地区" />
        <InputNumber placeholder="年度" min={2008} max={2100} style={{ width: 100 }} onChange={(v) => set({ year: v ?? undefined })} aria-label="年度" />
        <Select allowClear placeholder="层级" style={{ width: 110 }} options={Object.entries(LEVELS).map(([value, label]) => ({ value, label }))} onChange={(v) => set({ level: v })} aria-label="层级" />
        <Select allowClear placeholder="状态" style={{ width: 120 }} options={STATUSES} onChange={(v) => set({ status: v })} aria-label="状态" />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="规则"
          style={{ width: 220 }}
          options={ALL_RULES.map((r) => ({ value: r.id, label: `${r.title}（${r.id}）` }))}
          onChange={(v) => set({ rule: v })}
          aria-label="规则"
        />
        <Input.Search placeholder="搜索机关名称" allowClear style={{ width: 220 }} onSearch={(v) => set({ q: v })} aria-label="搜索机关名称" />
      </Space>
      {error && <Alert type="error" message={error} />}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        onChange={(p, _filters, sorter: any) =>
          setF((x) => ({
            ...x,
            page: p.current ?? 1,
            pageSize: p.pageSize ?? 20,
            sort: sorter?.order ? sorter.field : 'id',
            order: sorter?.order === 'ascend' ? 'asc' : 'desc',
          }))
        }
        pagination={{ current: f.page, pageSize: f.pageSize, total: data.total, showSizeChanger: true, showTotal: (t) => `共 ${t} 份` }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, sorter: true },
          { title: '机关', dataIndex: 'agency', key: 'agency', sorter: true, render: (v: string, r: any) => <a href={`#/reports/${r.id}`}>{v ?? '（未识别）'}</a> },
          { title: '地区', dataIndex: 'region', width: 120 },
          { title: '年度', dataIndex: 'year', width: 80, sorter: true },
          { title: '层级', dataIndex: 'level', width: 80, render: (v: string) => LEVELS[v] ?? v ?? '' },
          {
            title: '错误',
            dataIndex: 'errors',
            width: 80,
            sorter: true,
            render: (v: number, r: any) => (r.status === 'failed' ? <Tag color="red">读取失败</Tag> : v ? <Tag color="red">{v}</Tag> : <Tag color="green">0</Tag>),
          },
          { title: '警告', dataIndex: 'warnings', width: 80, sorter: true, render: (v: number, r: any) => (r.status === 'failed' ? '' : v ? <Tag color="orange">{v}</Tag> : '0') },
          { title: '来源', dataIndex: 'source', ellipsis: true },
        ]}
      />
    </div>
  );
}
