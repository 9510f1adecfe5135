// The frame of every signed-in page: the app's name and the user above, the role's menu at the
// side on a desktop and in a drawer on a phone, the page in the middle.
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Button, Drawer, Flex, Grid, Layout, Menu, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { getOrgRoute } from '#shared/api/identity.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { request } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useTaskSummary } from '../pages/changes/useTaskSummary.ts';
import { menuOf } from './menu.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const me = session.me;
  // A teacher's menu names its classes.
  const classes = useQueries({
    queries: (me?.role === 'teacher' ? (me.classIds ?? []) : []).map((orgId) => ({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data, staleTime: 5 * 60_000 })),
  });
  // 待办业务's count beside its menu entry (staff only; the hook is off for other roles).
  const tasks = useTaskSummary(me?.role ?? 'student');

  if (session.loading) return <Spin fullscreen description="正在加载…" />;
  if (!me) return <Navigate to={`/login?${session.expired ? 'expired=1&' : ''}from=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;

  const items = menuOf(me, new Map(classes.flatMap((query) => (query.data ? [[query.data.orgId, query.data.name] as const] : []))), tasks.data?.total);
  const selected = `${location.pathname}${location.search}`;
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected, location.pathname]}
      defaultOpenKeys={['records', 'changes', 'teaching', 'system', 'classes']}
      onClick={({ key }) => {
        setDrawer(false);
        void navigate(key);
      }}
    />
  );
  const wide = screens.md ?? true;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: wide ? 24 : 12, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawer(true)} />}
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          学籍管理系统
        </Typography.Title>
        <Flex align="center" gap={wide ? 16 : 8} style={{ marginInlineStart: 'auto', minWidth: 0 }}>
          <span data-testid="current-user" title={`${me.displayName}（${ROLE_LABEL[me.role]}）`} style={{ lineHeight: 1.4, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: wide ? 420 : 150 }}>
            {me.displayName}
            {wide && <Typography.Text type="secondary">（{ROLE_LABEL[me.role]}）</Typography.Text>}
          </span>
          <Button icon={<LogoutOutlined />} aria-label="退出" onClick={() => void session.logout()}>
            {wide ? '退出' : null}
          </Button>
        </Flex>
      </Header>
      <Layout>
        {wide ? (
          <Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            {menu}
          </Sider>
        ) : (
          <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} title="菜单" size="default" styles={{ body: { padding: 0 } }}>
            {menu}
          </Drawer>
        )}
        <Content style={{ padding: wide ? 24 : 12 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

/** Shown when the token is valid but no account exists for it here. */
export function NotProvisioned() {
  return <Result status="403" title="账号尚未开通" subTitle="您的身份已通过验证，但本系统中还没有您的账号，请联系上级管理员开通。" />;
}
