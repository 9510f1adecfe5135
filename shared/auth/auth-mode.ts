// How callers sign in. 'oidc': with tokens of the configured OpenID Connect issuer, as every
// deployment does. 'local': the local runtime's demo users (the dev login, tokens signed with the
// key in its data folder). Only the local runtime sets AUTH_MODE=local, and not when it is started
// with an issuer of its own (OIDC_ISSUER); a deployment sets no AUTH_MODE, so it never offers the
// dev login. Kept apart from LOCAL_MODE, which says where the code runs, not how users sign in.
export type AuthMode = 'local' | 'oidc';

export function authMode(): AuthMode {
  return process.env.AUTH_MODE === 'local' ? 'local' : 'oidc';
}
