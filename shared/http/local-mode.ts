// Local-only routes exist only when the local runtime signs in its demo users and holds a signing
// key; deployed, or locally with an issuer of its own, they answer 404 as if they did not exist
// (the same answer API Gateway's $default route gives).
import { authMode } from '#shared/auth/auth-mode.ts';
import { ApiError } from './api-error.ts';

export function localSigningKeyFile(): string {
  const file = process.env.LOCAL_SIGNING_KEY_FILE;
  if (authMode() !== 'local' || !file) throw new ApiError(404, 'ROUTE_NOT_FOUND', '没有这个接口，请检查地址');
  return file;
}
