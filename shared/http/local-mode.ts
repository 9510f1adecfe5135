// Local-only routes exist only when the local runtime says so and holds a signing key; deployed,
// they answer 404 as if they did not exist.
import { notFound } from './api-error.ts';

export function localSigningKeyFile(): string {
  const file = process.env.LOCAL_SIGNING_KEY_FILE;
  if (process.env.LOCAL_MODE !== 'true' || !file) throw notFound('该接口仅在本地模式下可用');
  return file;
}
