import React, { useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api';

interface Row {
  name: string;
  state: string;
  result?: any;
}

/** Files of a drop: files, and folders walked (webkitGetAsEntry). */
async function filesOfDrop(dt: DataTransfer): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: any, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const f: File = await new Promise((res, rej) => entry.file(res, rej));
      out.push(new File([f], prefix + f.name, { type: f.type }));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch: any[] = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = [...dt.items].map((i) => (i as any).webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length) for (const e of entries) await walk(e, '');
  else out.push(...dt.files);
  return out;
}

const STATUS: Record<string, { color: string; text: string }> = {
  added: { color: 'green', text: '已读取' },
  reextracted: { color: 'green', text: '已重新读取' },
  duplicate: { color: 'gold', text: '重复' },
  failed: { color: 'red', text: '失败' },
  reading: { color: 'blue', text: '上传中' },
  parsing: { color: 'blue', text: '读取中' },
  waiting: { color: 'default', text: '等待' },
};

export function ImportPage() {
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<any>(null);
  const [error, setError] = useState('');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const dirInput = useRef<HTMLInputElement>(null);

  async function upload(files: File[]) {
    if (!files.length) return;
    setBusy(true);
    setError('');
    setSummary(null);
    const list: Row[] = files.map((f) => ({ name: f.name, state: 'waiting' }));
    setRows([...list]);
    const job = Math.random().toString(36).slice(2) + Date.now().toString(36);
    const es = new EventSource(`/api/uploads/${job}/events`);
    await new Promise<void>((res) => {
      es.onopen = () => res();
      setTimeout(res, 1500);
    });
    const byName = new Map<string, Row>();
    const upsert = (name: string, patch: Partial<Row>) => {
      let r = byName.get(name) ?? list.find((x) => x.name.split('/').pop() === name && !byName.has(x.name) && x.state === 'waiting');
      if (!r) {
        r = { name, state: 'waiting' };
        list.push(r);
      }
      byName.set(name, r);
      Object.assign(r, patch);
      setRows([...list]);
    };
    es.onmessage = (ev) => {
      const e = JSON.parse(ev.data);
      if (e.type === 'file') upsert(e.name, { state: e.state });
      if (e.type === 'result') upsert(e.result.name, { state: e.result.status, result: e.result });
      if (e.type === 'done') es.close();
    };
    const fd = new FormData();
    for (const f of files) fd.append('file', f, f.name);
    try {
      const r = await api('POST', `/api/reports?job=${job}`, fd);
      for (const x of r.results) upsert(x.name, { state: x.status, result: x });
      setSummary(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      es.close();
      setBusy(false);
    }
  }

  const done = rows.filter((r) => ['added', 'reextracted', 'duplicate', 'failed'].includes(r.state)).length;
  return (
    <div className="panel">
      <Typography.Title level={4}>导入年度报告</Typography.Title>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        tabIndex={0}
        role="button"
        aria-label="拖放文件到这里，或按回车选择文件"
        onKeyDown={(e) => e.key === 'Enter' && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={async (e) => {
          e.preventDefault();
          setOver(false);
          upload(await filesOfDrop(e.dataTransfer));
        }}
      >
        <p>把报告文件、文件夹或 zip 压缩包拖到这里</p>
        <p style={{ color: '#888' }}>支持 txt、网页（含 GBK）、Word（docx/doc）、PDF（含扫描件）、扫描图片（png/jpg/tif，本地文字识别，较慢）、Excel 填报表、JSON；单个文件不超过 64 MB，一次最多 200 个</p>
        <Space>
          <Button onClick={() => input.current?.click()} disabled={busy}>
            选择文件
          </Button>
          <Button onClick={() => dirInput.current?.click()} disabled={busy}>
            选择文件夹
          </Button>
        </Space>
        <input ref={input} type="file" multiple hidden data-testid="file-input" onChange={(e) => upload([...(e.target.files ?? [])])} />
        <input ref={dirInput} type="file" multiple hidden {...({ webkitdirectory: '' } as any)} onChange={(e) => upload([...(e.target.files ?? [])])} />
      </div>
      {rows.length > 0 && <Progress percent={Math.round((done / Math.max(rows.length, 1)) * 100)} status={busy ? 'active' : 'normal'} style={{ marginTop: 12 }} />}
      {error && <Alert type="error" message={error} style={{ marginTop: 12 }} />}
      {summary && (
        <Alert
          style={{ marginTop: 12 }}
          type={summary.failed ? 'warning' : 'success'}
          message={`完成：读取 ${summary.added} 份，重复 ${summary.duplicates} 份，失败 ${summary.failed} 份。`}
        />
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '文件', dataIndex: 'name' },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.text ?? s}</Tag> },
          {
            title: '结果',
            render: (_: unknown, r: Row) => {
              const x = r.result;
              if (!x) return null;
              if (x.status === 'failed') return <span style={{ color: '#a8071a' }}>{x.message}</span>;
              if (x.status === 'duplicate') return <span>与已入库的“{x.sameAs}”内容相同（<a href={`#/reports/${x.reportId}`}>查看</a>）</span>;
              return (
                <span>
                  <a href={`#/reports/${x.reportId}`}>{x.agency ?? '（未识别机关）'} {x.year ?? ''}</a>：错误 {x.errors}，警告 {x.warnings}
                </span>
              );
            },
          },
        ]}
      />
    </div>
  );
}
