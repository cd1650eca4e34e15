import React, { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography, message } from 'antd';
import { api, ROLE_NAMES } from '../api';
import { regionTree, type Region } from '../regions';

export function UsersPage() {
  const [users, setUsers] = useState<any[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [agencies, setAgencies] = useState<any[]>([]);
  const [editing, setEditing] = useState<any | null>(null);
  const [error, setError] = useState('');
  const [audit, setAudit] = useState<any[]>([]);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  const load = () => {
    api('GET', '/api/users').then(setUsers).catch((e) => setError(e.message));
    api('GET', '/api/audit?limit=50').then(setAudit).catch(() => undefined);
  };
  useEffect(() => {
    load();
    api<Region[]>('GET', '/api/regions').then(setRegions).catch(() => undefined);
    api('GET', '/api/agencies?limit=5000').then(setAgencies).catch(() => undefined);
  }, []);
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing?.id) await api('PATCH', `/api/users/${editing.id}`, v);
      else await api('POST', '/api/users', v);
      message.success('已保存');
      setEditing(null);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div className="panel">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>用户</Typography.Title>
        <Button type="primary" onClick={() => { form.resetFields(); form.setFieldsValue({ role: 'reviewer' }); setEditing({}); }}>新建用户</Button>
      </Space>
      {error && <Alert type="error" message={error} />}
      <Table
        size="small"
        rowKey="id"
        dataSource={users}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role', render: (r: string) => ROLE_NAMES[r] ?? r },
          { title: '范围', render: (_: unknown, u: any) => (u.role === 'admin' ? '全部' : u.role === 'reviewer' ? `地区：${u.region ?? '未指定'}（含下级）` : `单位：${u.agency ?? '未指定'}`) },
          { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          {
            title: '操作',
            render: (_: unknown, u: any) => (
              <Space>
                <Button size="small" onClick={() => { form.resetFields(); form.setFieldsValue({ role: u.role, regionId: u.regionId ?? undefined, agencyId: u.agencyId ?? undefined }); setEditing(u); }}>修改</Button>
                <Button size="small" onClick={() => api('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled }).then(load).catch((e) => message.error(e.message))}>{u.disabled ? '启用' : '停用'}</Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>审计日志（最近 50 条）</Typography.Title>
      <Table size="small" rowKey="id" dataSource={audit} pagination={{ pageSize: 10 }} columns={[
        { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => v.slice(0, 19).replace('T', ' ') },
        { title: '用户', dataIndex: 'username', width: 100 },
        { title: '操作', dataIndex: 'action', width: 120 },
        { title: '对象', dataIndex: 'target', width: 120 },
        { title: '详情', dataIndex: 'detail', ellipsis: true },
      ]} />
      <Modal title={editing?.id ? `修改用户：${editing.username}` : '新建用户'} open={editing !== null} onOk={save} okText="保存" cancelText="取消" onCancel={() => setEditing(null)}>
        <Form form={form} layout="vertical">
          {!editing?.id && (
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input />
            </Form.Item>
          )}
          <Form.Item label={editing?.id ? '新密码（不改请留空）' : '密码'} name="password" rules={editing?.id ? [] : [{ required: true, min: 8, message: '密码至少 8 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true }]}>
            <Select options={Object.entries(ROLE_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {role === 'reviewer' && (
            <Form.Item label="负责地区（含下级）" name="regionId" rules={[{ required: true, message: '审核员必须指定地区' }]}>
              <TreeSelect treeData={regionTree(regions)} treeDefaultExpandAll />
            </Form.Item>
          )}
          {role === 'clerk' && (
            <Form.Item label="所属单位" name="agencyId" rules={[{ required: true, message: '填报员必须指定单位' }]}>
              <Select showSearch optionFilterProp="label" options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
