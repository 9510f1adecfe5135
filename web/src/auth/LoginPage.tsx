// Sign in. Locally, the demo users listed by role and organisation, one click each; deployed, the
// deployment's identity provider. After a 401 the page says the session ended.
import { LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, Flex, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { devUsersRoute } from '#shared/api/dev-auth.ts';
import { ROLES, ROLE_LABEL } from '#shared/domain/roles.ts';
import { request } from '../api/client.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { useSession } from './session.tsx';

/** Where to go after signing in: a path of this app only (never another site). */
function safeReturn(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export default function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const returnTo = safeReturn(params.get('from'));
  const local = session.config?.mode === 'local';
  const users = useQuery({ queryKey: ['dev-users'], queryFn: async () => (await request(devUsersRoute, {})).data, enabled: local, staleTime: Infinity });

  if (session.me) return <Navigate to={session.me.role === 'student' && returnTo === '/' ? '/my/record' : returnTo} replace />;

  const signIn = async (username: string) => {
    setBusy(username);
    setFailure(undefined);
    try {
      await session.loginAs(username);
      void navigate(returnTo, { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: '24px 12px', background: '#f5f7fa' }}>
      <div style={{ width: '100%', maxWidth: 960 }}>
        <Typography.Title level={2} style={{ textAlign: 'center' }}>
          学籍管理系统
        </Typography.Title>
        {params.get('expired') && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="登录已失效，请重新登录" />}
        {failure !== undefined && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="登录失败" description={failure instanceof Error ? failure.message : '请重试'} />}
        {!session.config ? (
          <Spin />
        ) : local ? (
          <Card title="本地演示：选择一个演示账号登录">
            {users.isPending ? (
              <Spin />
            ) : users.isError ? (
              <ErrorState error={users.error} onRetry={() => void users.refetch()} />
            ) : (
              <Collapse
                defaultActiveKey={['school_registrar']}
                items={ROLES.filter((role) => users.data.some((user) => user.role === role)).map((role) => ({
                  key: role,
                  label: `${ROLE_LABEL[role]}（${users.data.filter((user) => user.role === role).length}）`,
                  children: (
                    <Row gutter={[12, 12]}>
                      {users.data
                        .filter((user) => user.role === role)
                        .map((user) => (
                          <Col key={user.username} xs={24} sm={12} lg={8}>
                            <Button block size="large" style={{ height: 'auto', padding: '8px 12px', textAlign: 'left', whiteSpace: 'normal' }} loading={busy === user.username} onClick={() => void signIn(user.username)} data-testid={`login-${user.username}`}>
                              <div>
                                <div style={{ fontWeight: 500 }}>{user.displayName}</div>
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {user.orgName} · {user.username}
                                </Typography.Text>
                              </div>
                            </Button>
                          </Col>
                        ))}
                    </Row>
                  ),
                }))}
              />
            )}
          </Card>
        ) : (
          <Card style={{ maxWidth: 420, margin: '0 auto', textAlign: 'center' }}>
            <Typography.Paragraph>使用本省统一身份认证账号登录。</Typography.Paragraph>
            <Button type="primary" size="large" icon={<LoginOutlined />} onClick={() => void session.loginWithIssuer(returnTo)}>
              登录
            </Button>
          </Card>
        )}
      </div>
    </Flex>
  );
}
