// Where the identity provider sends the browser back after signing in (authorization code + PKCE).
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../components/ErrorState.tsx';
import { useSession } from './session.tsx';

export default function CallbackPage() {
  const { config } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    if (config?.mode !== 'oidc') return;
    void import('./oidc.ts')
      .then(({ completeSignin }) => completeSignin(config))
      .then((user) => {
        const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
        void navigate(returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
      })
      .catch(setFailure);
  }, [config, navigate]);
  return failure ? <ErrorState error={new Error('登录未完成')} onRetry={() => void navigate('/login', { replace: true })} /> : <Spin fullscreen description="正在登录…" />;
}
