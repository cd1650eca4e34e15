import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, Button, ConfigProvider, Form, Input, Layout, Menu, Spin, Typography, message } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { api, setCsrf, whenUnauthorized, ROLE_NAMES, type Me } from './api';
import { ImportPage } from './pages/Import';
import { ReportsPage } from './pages/Reports';
import { DetailPage } from './pages/Detail';
import { ComparePage } from './pages/Compare';
import { OverviewPage } from './pages/Overview';
import { FillPage } from './pages/Fill';
import { UnitsPage } from './pages/Units';
import { UsersPage } from './pages/Users';
import './style.css';

function useHash(): string {
  const [hash, setHash] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const f = () => setHash(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', f);
    return () => window.removeEventListener('hashchange', f);
  }, []);
  return hash;
}

export function go(path: string): void {
  location.hash = path;
}

function Login({ onLogin }: { onLogin: (m: Me) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <div className="login">
      <Typography.Title level={3}>政府信息公开年报工作台</Typography.Title>
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError('');
          try {
            const m = await api<Me>('POST', '/api/session', v);
            setCsrf(m.csrf);
            onLogin(m);
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" loading={busy} block>
          登录
        </Button>
      </Form>
    </div>
  );
}

const PAGES = [
  { key: '/import', label: '导入', roles: ['admin', 'reviewer'] },
  { key: '/reports', label: '年报列表', roles: ['admin', 'reviewer', 'clerk'] },
  { key: '/compare', label: '对比', roles: ['admin', 'reviewer', 'clerk'] },
  { key: '/overview', label: '总览', roles: ['admin', 'reviewer'] },
  { key: '/fill', label: '填报', roles: ['admin', 'clerk'] },
  { key: '/units', label: '单位与地区', roles: ['admin', 'reviewer'] },
  { key: '/users', label: '用户', roles: ['admin'] },
];

function Shell({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const hash = useHash();
  const pages = PAGES.filter((p) => p.roles.includes(me.role));
  const path = hash.split('?')[0];
  const top = '/' + (path.split('/')[1] ?? '');
  const current = pages.find((p) => p.key === top) ?? pages.find((p) => p.key === '/reports')!;
  let page: React.ReactNode;
  const detail = /^\/reports\/(\d+)$/.exec(path);
  if (detail) page = <DetailPage id={Number(detail[1])} me={me} />;
  else if (current.key === '/import') page = <ImportPage />;
  else if (current.key === '/compare') page = <ComparePage query={hash.split('?')[1] ?? ''} />;
  else if (current.key === '/overview') page = <OverviewPage />;
  else if (current.key === '/fill') page = <FillPage me={me} />;
  else if (current.key === '/units') page = <UnitsPage me={me} />;
  else if (current.key === '/users') page = <UsersPage />;
  else page = <ReportsPage />;
  const scope = me.role === 'reviewer' ? `（${me.region?.name ?? '未指定地区'}）` : me.role === 'clerk' ? `（${me.agency?.name ?? '未指定单位'}）` : '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <span className="brand">年报工作台</span>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[current.key]}
          items={pages.map((p) => ({ key: p.key, label: <a href={`#${p.key}`}>{p.label}</a> }))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <span className="who">
          {me.username} · {ROLE_NAMES[me.role]}
          {scope}
        </span>
        <Button size="small" onClick={onLogout}>
          退出
        </Button>
      </Layout.Header>
      <Layout.Content className="content">{page}</Layout.Content>
    </Layout>
  );
}

function Root() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    whenUnauthorized(() => setMe(null));
    api<Me>('GET', '/api/me')
      .then((m) => {
        setCsrf(m.csrf);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return <Spin style={{ margin: 80 }} />;
  if (me === null) return <Login onLogin={setMe} />;
  return (
    <Shell
      me={me}
      onLogout={async () => {
        await api('DELETE', '/api/session').catch(() => undefined);
        setMe(null);
        message.success('已退出');
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN} theme={{ token: { fontSize: 13 } }}>
    <AntApp>
      <Root />
    </AntApp>
  </ConfigProvider>,
);
