// Resolves the caller: a verified token subject plus the app's own user record (role, org path).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '#shared/domain/principal.ts';
import { getPrincipal } from '#shared/data/directory-repo.ts';
import { InvalidTokenError, verifyBearer } from '#shared/auth/verify-token.ts';
import { forbidden, unauthenticated } from './api-error.ts';

export async function authenticate(event: APIGatewayProxyEventV2): Promise<Principal> {
  let subject: string;
  try {
    subject = (await verifyBearer(event.headers.authorization)).sub;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated();
    throw error;
  }
  const principal = await getPrincipal(subject);
  if (!principal) throw forbidden('ACCOUNT_NOT_PROVISIONED', '该账号尚未在本系统开通，请联系上级管理员');
  return principal;
}
