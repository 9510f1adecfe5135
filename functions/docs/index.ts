// Area entry: the API description (on its own: it carries every schema, the others need few).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as openApi } from './openapi.ts';

export const handler = dispatch(openApi);
