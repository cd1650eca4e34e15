import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Col, Descriptions, Empty, Input, InputNumber, Modal, Row, Space, Spin, Tabs, Tag, Typography, message } from 'antd';
import { api, LEVELS, type Me } from '../api';
import { OfficialTables } from '../OfficialTables';
import { describeCell } from '../../../src/core/template';
import type { SourcePos } from '../../../src/core/types';
import { ruleTitle } from '../rules';

const SEV: Record<string, { color: string; text: string }> = { error: { color: 'red', text: '错误' }, warning: { color: 'orange', text: '警告' }, info: { color: 'blue', text: '提示' } };
const PAGE_SCALE = 108 / 72;

type Pos = SourcePos;

function SourceLines({ lines, marks, focusLine }: { lines: string[]; marks: Map<number, { column: number; length: number }[]>; focusLine: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusLine === null || !box.current) return;
    const el = box.current.querySelector(`[data-line="${focusLine}"]`) as HTMLElement | null;
    if (el) box.current.scrollTop = el.offsetTop - box.current.clientHeight / 3;
  }, [focusLine, marks]);
  return (
    <div className="source" ref={box} data-testid="source">
      {lines.map((text, i) => {
        const n = i + 1;
        const ms = marks.get(n);
        let body: React.ReactNode = text || ' ';
        if (ms?.length) {
          const parts: React.ReactNode[] = [];
          let at = 0;
          for (const m of [...ms].sort((a, b) => a.column - b.column)) {
            const s = Math.max(at, m.column - 1);
            const e = Math.max(s, s + Math.max(1, m.length));
            parts.push(text.slice(at, s));
            parts.push(
              <mark className="hl" key={s}>
                {text.slice(s, e) || ' '}
              </mark>,
            );
            at = e;
          }
          parts.push(text.slice(at));
          body = parts;
        }
        return (
          <div key={n} className={`src-line${ms?.length ? ' hl-line' : ''}`} data-line={n}>
            <span className="no">{n}</span>
            <span>{body}</span>
          </div>
        );
      })}
    </div>
  );
}

function PdfPages({ id, pages, boxes }: { id: number; pages: number; boxes: { page: number; x: number; y: number; w: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = boxes[0];
    if (!first || !ref.current) return;
    const el = ref.current.querySelector(`[data-page="${first.page}"]`) as HTMLElement | null;
    if (el) ref.current.scrollTop = el.offsetTop + first.y * PAGE_SCALE - 120;
  }, [boxes]);
  return (
    <div ref={ref} style={{ maxHeight: '70vh', overflow: 'auto' }}>
      {Array.from({ length: pages }, (_, i) => i + 1).map((p) => (
        <div key={p} className="pdf-page" data-page={p}>
          <img src={`/api/reports/${id}/pages/${p}`} alt={`第 ${p} 页`} loading="lazy" />
          {boxes
            .filter((b) => b.page === p)
            .map((b, j) => (
              <div key={j} className="box" data-testid="pdf-box" style={{ left: (b.x - 2) * PAGE_SCALE, top: (b.y - 2) * PAGE_SCALE, width: (b.w + 4) * PAGE_SCALE, height: 14 * PAGE_SCALE }} />
            ))}
        </div>
      ))}
    </div>
  );
}

export function DetailPage({ id, me }: { id: number; me: Me }) {
  const [r, setR] = useState<any>(null);
  const [src, setSrc] = useState<any>(null);
  const [error, setError] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const [cells, setCells] = useState<string[]>([]);
  const [edit, setEdit] = useState<string | null>(null);
  const [review, setReview] = useState<{ f: any; status: 'confirmed' | 'dismissed' } | null>(null);
  const [value, setValue] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const canReview = me.role !== 'clerk';

  useEffect(() => {
    setR(null);
    api('GET', `/api/reports/${id}`).then(setR).catch((e) => setError(e.message));
    api('GET', `/api/reports/${id}/source`).then(setSrc).catch(() => setSrc({ available: false, lines: [] }));
  }, [id]);

  const bad = useMemo(() => new Set<string>((r?.findings ?? []).filter((f: any) => f.severity === 'error').flatMap((f: any) => f.cells)), [r]);
  const corrected = useMemo(() => new Set<string>((r?.corrections ?? []).map((c: any) => c.key)), [r]);
  const highlight = useMemo(() => new Set(cells), [cells]);
  const positions: Pos[] = useMemo(() => cells.map((k) => r?.provenance?.[k]?.pos).filter(Boolean), [cells, r]);
  const marks = useMemo(() => {
    const m = new Map<number, { column: number; length: number }[]>();
    for (const p of positions) if (p.line) m.set(p.line, [...(m.get(p.line) ?? []), { column: p.column ?? 1, length: p.length ?? 1 }]);
    return m;
  }, [positions]);
  const boxes = useMemo(
    () => cells.flatMap((k) => {
      const p: Pos | undefined = r?.provenance?.[k]?.pos;
      const raw: string = r?.provenance?.[k]?.raw ?? '';
      return p?.page && p.x !== undefined && p.y !== undefined ? [{ page: p.page, x: p.x, y: p.y, w: Math.max(8, raw.length * 6) }] : [];
    }),
    [cells, r],
  );

  if (error) return <Alert type="error" message={error} />;
  if (!r) return <Spin />;
  const canonical = { meta: r.meta, sections: r.sections, cells: r.cells };
  const showFinding = (f: any) => {
    setActive(f.index);
    setCells(f.cells.length ? f.cells : []);
  };
  const submitCorrection = async () => {
    setBusy(true);
    try {
      const next = await api('POST', `/api/reports/${id}/corrections`, { key: edit, value, comment });
      setR(next);
      setEdit(null);
      message.success('已更正并重新检查');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submitReview = async () => {
    if (!review) return;
    setBusy(true);
    try {
      setR(await api('POST', `/api/reports/${id}/reviews`, { findingKey: review.f.key, status: review.status, comment }));
      setReview(null);
      message.success(review.status === 'confirmed' ? '已确认' : '已驳回');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="panel" style={{ marginBottom: 12 }}>
        <Space style={{ marginBottom: 8 }}>
          <Button onClick={() => history.back()}>返回</Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {r.agency ?? '（未识别机关）'} {r.meta.year ?? ''} 年度报告
          </Typography.Title>
          {r.status === 'failed' ? <Tag color="red">读取失败</Tag> : <Tag color={r.errors ? 'red' : 'green'}>错误 {r.errors}</Tag>}
          {r.status !== 'failed' && <Tag color={r.warnings ? 'orange' : 'default'}>警告 {r.warnings}</Tag>}
          {r.agencyId && <a href={`#/compare?agency=${r.agencyId}&b=${r.id}`}>与其他年度对比</a>}
          {r.hasSource && <a href={`/api/reports/${r.id}/file`}>下载原文件</a>}
        </Space>
        <Descriptions size="small" column={4} items={[
          { label: '来源', children: r.source },
          { label: '格式', children: r.format ?? '' },
          { label: '层级', children: LEVELS[r.meta.level] ?? r.meta.level ?? '' },
          { label: '发布日期', children: r.meta.publishedAt ?? '未注明' },
        ]} />
        {r.failure && <Alert type="error" message={r.failure.message} />}
      </div>
      {r.status !== 'failed' && (
        <Row gutter={12}>
          <Col span={13}>
            <div className="panel" style={{ marginBottom: 12 }}>
              <Typography.Title level={5}>问题（{r.findings.length}）</Typography.Title>
              {r.findings.length === 0 && <Empty description="没有发现问题" />}
              <div style={{ maxHeight: 260, overflow: 'auto' }} role="list">
                {r.findings.map((f: any) => (
                  <div
                    key={f.index}
                    role="listitem"
                    tabIndex={0}
                    className={`finding${active === f.index ? ' active' : ''}`}
                    data-rule={f.rule}
                    onClick={() => showFinding(f)}
                    onKeyDown={(e) => e.key === 'Enter' && showFinding(f)}
                  >
                    <Space size={4} wrap>
                      <Tag color={SEV[f.severity]?.color}>{SEV[f.severity]?.text}</Tag>
                      <b>{ruleTitle(f.rule)}</b>
                      {f.review && (
                        <Tag color={f.review.status === 'confirmed' ? 'volcano' : 'default'}>
                          {f.review.status === 'confirmed' ? '已确认' : '已驳回'}（{f.review.by}）{f.review.comment ? `：${f.review.comment}` : ''}
                        </Tag>
                      )}
                    </Space>
                    <div>{f.message}</div>
                    {canReview && (
                      <Space size={4}>
                        <Button size="small" onClick={(e) => { e.stopPropagation(); setComment(''); setReview({ f, status: 'confirmed' }); }}>确认</Button>
                        <Button size="small" onClick={(e) => { e.stopPropagation(); setComment(''); setReview({ f, status: 'dismissed' }); }}>驳回</Button>
                      </Space>
                    )}
                  </div>
                ))}
              </div>
            </div>
            <div className="panel">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                点击单元格查看原文位置{canReview ? '并可更正误读' : ''}。红色：涉及错误；虚线下划线：已更正。
              </Typography.Paragraph>
              <OfficialTables
                report={canonical}
                highlight={highlight}
                bad={bad}
                corrected={corrected}
                onCellClick={(k) => {
                  setActive(null);
                  setCells([k]);
                  if (canReview) {
                    setEdit(k);
                    setValue(r.cells[k]);
                    setComment('');
                  }
                }}
              />
              {r.corrections.length > 0 && (
                <>
                  <Typography.Title level={5}>更正记录</Typography.Title>
                  {r.corrections.map((c: any) => (
                    <div key={c.id} data-testid="correction">
                      {c.at.slice(0, 16).replace('T', ' ')} {c.by}：{describeCell(c.key)} 由 {c.originalValue ?? '空白'}（原文“{c.originalRaw ?? ''}”）改为 {c.value ?? '空白'}。说明：{c.comment}
                    </div>
                  ))}
                </>
              )}
            </div>
          </Col>
          <Col span={11}>
            <div className="panel">
              {!src ? (
                <Spin />
              ) : !src.available ? (
                <>
                  <Alert type="info" message="该报告通过命令行入库，原文未保存在工作台中；下面是抽取的章节文字。" />
                  {r.sections.map((s: any) => (
                    <div key={s.key}>
                      <b>{s.numbering}{s.title}</b>
                      <p style={{ whiteSpace: 'pre-wrap' }}>{s.text}</p>
                    </div>
                  ))}
                </>
              ) : (
                <Tabs
                  items={[
                    { key: 'text', label: src.format === 'pdf' ? '原文文字' : '原文', children: <SourceLines lines={src.lines} marks={marks} focusLine={positions[0]?.line ?? null} /> },
                    ...(src.format === 'pdf' && src.pages ? [{ key: 'pdf', label: 'PDF 页面', children: <PdfPages id={id} pages={src.pages} boxes={boxes} /> }] : []),
                  ]}
                />
              )}
            </div>
          </Col>
        </Row>
      )}
      <Modal title={edit ? `更正：${describeCell(edit)}` : ''} open={edit !== null} onOk={submitCorrection} okText="保存更正并重新检查" cancelText="取消" confirmLoading={busy} onCancel={() => setEdit(null)}>
        {edit && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>原文读数：“{r.provenance[edit]?.raw ?? ''}”，当前值：{r.cells[edit] ?? '空白'}</div>
            <InputNumber aria-label="更正值" style={{ width: 160 }} value={value} onChange={(v) => setValue(v === null ? null : Number(v))} placeholder="留空为空白" />
            <Input.TextArea aria-label="更正说明" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="为什么这样更正（必填），例如：PDF 原件为 12，抽取误读" />
          </Space>
        )}
      </Modal>
      <Modal title={review?.status === 'confirmed' ? '确认问题' : '驳回问题'} open={review !== null} onOk={submitReview} okText="保存" cancelText="取消" confirmLoading={busy} onCancel={() => setReview(null)}>
        <p>{review?.f.message}</p>
        <Input.TextArea aria-label="审核意见" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={review?.status === 'dismissed' ? '驳回理由（必填）' : '意见（可选）'} />
      </Modal>
    </div>
  );
}
