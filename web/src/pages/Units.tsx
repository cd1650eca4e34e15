import React, { useEffect, useRef, useState } from 'react';
import { Alert, Button, Col, Input, Row, Select, Space, Switch, Table, Tree, TreeSelect, Typography, message } from 'antd';
import { api, download, LEVELS, type Me } from '../api';
import { regionTree, type Region } from '../regions';

export function UnitsPage({ me }: { me: Me }) {
  const admin = me.role === 'admin';
  const [regions, setRegions] = useState<Region[]>([]);
  const [agencies, setAgencies] = useState<any[]>([]);
  const [selected, setSelected] = useState<number | undefined>();
  const [name, setName] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const [note, setNote] = useState<{ type: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const load = () => {
    api<Region[]>('GET', '/api/regions').then(setRegions).catch(() => undefined);
    api('GET', `/api/agencies?limit=5000${selected ? `&region=${selected}` : ''}`).then(setAgencies).catch((e) => setNote({ type: 'error', text: e.message }));
  };
  useEffect(load, [selected]);
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      load();
    } catch (e) {
      setNote({ type: 'error', text: (e as Error).message });
    }
  };
  const tree = regionTree(regions);
  return (
    <Row gutter={12}>
      <Col span={7}>
        <div className="panel">
          <Typography.Title level={5}>地区</Typography.Title>
          {tree.length ? (
            <Tree treeData={tree} defaultExpandAll selectedKeys={selected ? [selected] : []} onSelect={(k) => setSelected(k[0] as number | undefined)} />
          ) : (
            <Alert type="info" message="还没有地区。可以逐个添加，或导入 CSV。" />
          )}
          {admin && (
            <Space.Compact style={{ marginTop: 12, width: '100%' }}>
              <Input aria-label="新地区名称" placeholder={selected ? '在所选地区下添加' : '添加顶级地区'} value={name} onChange={(e) => setName(e.target.value)} />
              <Button onClick={() => run(async () => { await api('POST', '/api/regions', { name, parentId: selected ?? null }); setName(''); message.success('已添加地区'); })}>添加</Button>
            </Space.Compact>
          )}
          {admin && selected && (
            <Button danger size="small" style={{ marginTop: 8 }} onClick={() => run(async () => { await api('DELETE', `/api/regions/${selected}`); setSelected(undefined); })}>
              删除所选地区
            </Button>
          )}
        </div>
      </Col>
      <Col span={17}>
        <div className="panel">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>单位{selected ? `（${regions.find((r) => r.id === selected)?.name}）` : ''}</Typography.Title>
            <Button onClick={() => run(() => download('/api/units.csv'))}>导出 CSV</Button>
            {admin && <Button onClick={() => csvInput.current?.click()}>导入 CSV</Button>}
            <input
              ref={csvInput}
              type="file"
              accept=".csv,text/csv"
              hidden
              data-testid="csv-input"
              onChange={(e) =>
                run(async () => {
                  const f = e.target.files?.[0];
                  if (!f) return;
                  const r = await api('POST', '/api/units', { csv: await f.text() });
                  setNote({ type: r.problems.length ? 'warning' : 'success', text: `已导入 ${r.agencies} 个单位、${r.regions} 个地区。${r.problems.join(' ')}` });
                  e.target.value = '';
                })
              }
            />
            {admin && (
              <Space.Compact>
                <Input aria-label="新单位名称" placeholder="新单位名称" value={agencyName} onChange={(e) => setAgencyName(e.target.value)} />
                <Button onClick={() => run(async () => { await api('POST', '/api/agencies', { name: agencyName, regionId: selected ?? null }); setAgencyName(''); })}>添加单位</Button>
              </Space.Compact>
            )}
          </Space>
          <Typography.Paragraph type="secondary">CSV 列：地区（上下级用 / 分隔，如 北京市/房山区/北宫镇）、单位、层级（{Object.values(LEVELS).join('、')}）、应报（是/否）。单位所属地区决定哪些审核员能看到它的报告。</Typography.Paragraph>
          {note && <Alert type={note.type} message={note.text} closable onClose={() => setNote(null)} style={{ marginBottom: 8 }} />}
          <Table
            size="small"
            rowKey="id"
            dataSource={agencies}
            pagination={{ pageSize: 15 }}
            columns={[
              { title: '单位', dataIndex: 'name' },
              {
                title: '地区',
                dataIndex: 'regionId',
                width: 200,
                render: (v: number | null, a: any) =>
                  admin ? (
                    <TreeSelect aria-label={`${a.name}所属地区`} placeholder="未分配" size="small" style={{ width: 180 }} allowClear treeDefaultExpandAll treeData={tree} value={v ?? undefined} onChange={(x) => run(() => api('PATCH', `/api/agencies/${a.id}`, { regionId: x ?? null }))} />
                  ) : (
                    regions.find((r) => r.id === v)?.name ?? '未分配'
                  ),
              },
              {
                title: '层级',
                dataIndex: 'level',
                width: 120,
                render: (v: string | null, a: any) =>
                  admin ? (
                    <Select size="small" style={{ width: 100 }} value={v ?? undefined} options={Object.entries(LEVELS).map(([value, label]) => ({ value, label }))} onChange={(x) => run(() => api('PATCH', `/api/agencies/${a.id}`, { level: x }))} aria-label={`${a.name}层级`} />
                  ) : (
                    LEVELS[v ?? ''] ?? ''
                  ),
              },
              { title: '应报', dataIndex: 'expected', width: 70, render: (v: boolean, a: any) => <Switch size="small" checked={v} disabled={!admin} onChange={(x) => run(() => api('PATCH', `/api/agencies/${a.id}`, { expected: x }))} aria-label={`${a.name}应报`} /> },
              { title: '报告数', dataIndex: 'reports', width: 70 },
            ]}
          />
        </div>
      </Col>
    </Row>
  );
}
