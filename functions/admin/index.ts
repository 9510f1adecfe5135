// Area entry: organisations and accounts inside the caller's subtree (系统管理).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as createOrg } from './create-org.ts';
import { handler as createUser } from './create-user.ts';
import { handler as listUsers } from './list-users.ts';

export const handler = dispatch(createOrg, listUsers, createUser);
