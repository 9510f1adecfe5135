// Area entry: the demo login of local mode (never deployed).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as devLogin } from './dev-login.ts';
import { handler as devUsers } from './dev-users.ts';

export const handler = dispatch(devUsers, devLogin);
