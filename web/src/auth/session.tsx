// Who is signed in. Locally, a demo user's token from the dev login; deployed, the OpenID Connect
// authorization code flow with PKCE against the deployment's issuer (oidc-client-ts, loaded only
// then), with silent renewal. Tokens live in sessionStorage: closing the tab signs the user out.
// A 401 from the API (an expired or revoked token) ends the session and goes back to the login.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { devLoginRoute } from '#shared/api/dev-auth.ts';
import { meRoute } from '#shared/api/identity.ts';
import { authConfigRoute } from '#shared/api/system.ts';
import { connectSession, request, type ResponseOf } from '../api/client.ts';
import type { OidcSession } from './oidc.ts';

export type Me = ResponseOf<typeof meRoute>;
export type AuthConfig = ResponseOf<typeof authConfigRoute>;

const TOKEN_KEY = 'xueji.token';

interface Session {
  config: AuthConfig | undefined;
  me: Me | undefined;
  /** True while the token or the caller is being read. */
  loading: boolean;
  /** The session ended because the API refused its token (expired or revoked), not by signing out. */
  expired: boolean;
  loginAs(username: string): Promise<void>;
  loginWithIssuer(returnTo: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in caller; only inside pages that require a session. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | undefined>(() => sessionStorage.getItem(TOKEN_KEY) ?? undefined);
  const [oidc, setOidc] = useState<OidcSession | undefined>();
  const [expired, setExpired] = useState(false);

  const config = useQuery({ queryKey: ['auth-config'], queryFn: async () => (await request(authConfigRoute, {})).data, staleTime: Infinity });

  // Deployed: the issuer's session, renewed silently; its access token is the API token. The
  // listeners come before the stored user is read, so a user the callback page stores meanwhile
  // is not missed; until the stored user is read, the session counts as loading.
  useEffect(() => {
    if (config.data?.mode !== 'oidc') return;
    let active = true;
    const unsubscribe: (() => void)[] = [];
    void import('./oidc.ts').then(async ({ oidcSession }) => {
      if (!active) return;
      const session = oidcSession(config.data!);
      unsubscribe.push(
        session.manager.events.addUserLoaded((loaded) => setToken(loaded.access_token)),
        session.manager.events.addUserUnloaded(() => setToken(undefined)),
      );
      const user = await session.manager.getUser();
      if (!active) return;
      if (user && !user.expired) setToken(user.access_token);
      setOidc(session);
    });
    return () => {
      active = false;
      unsubscribe.forEach((remove) => remove());
    };
  }, [config.data]);

  const end = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(undefined);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    connectSession({
      token: async () => token,
      // The layout sends the user to the login, saying why; navigating here as well would race it.
      // The issuer's user goes too, so a reload does not bring the refused token back.
      onUnauthorized: () => {
        setExpired(true);
        end();
        void oidc?.manager.removeUser();
      },
    });
  }, [token, end, oidc]);

  // Keyed without the token: a renewed token is the same user, and must not reload every page.
  // Signing in and out clear the cache, so one user's answer never serves another.
  const me = useQuery({ queryKey: ['me'], queryFn: async () => (await request(meRoute, {})).data, enabled: Boolean(token), staleTime: 5 * 60_000, retry: false });

  const session = useMemo<Session>(
    () => ({
      config: config.data,
      me: token ? me.data : undefined,
      loading: config.isPending || (config.data?.mode === 'oidc' && !oidc) || (Boolean(token) && me.isPending),
      expired,
      loginAs: async (username) => {
        const { data } = await request(devLoginRoute, { body: { username } });
        queryClient.clear();
        sessionStorage.setItem(TOKEN_KEY, data.token);
        setExpired(false);
        setToken(data.token);
      },
      loginWithIssuer: async (returnTo) => {
        const { oidcSession } = await import('./oidc.ts');
        await oidcSession(config.data!).manager.signinRedirect({ state: { returnTo } });
      },
      logout: async () => {
        setExpired(false);
        // Deployed, the issuer ends its session too and sends the browser back to /login; leaving
        // the page drops everything else. Should its sign-out fail, the user still leaves here.
        if (oidc) await oidc.signOut().catch(() => oidc.manager.removeUser());
        end();
        void navigate('/login', { replace: true });
      },
    }),
    [config.data, config.isPending, token, me.data, me.isPending, expired, queryClient, end, oidc, navigate],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
