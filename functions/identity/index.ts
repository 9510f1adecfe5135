// Area entry: the caller and the organisation tree it may read.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as getOrg } from './get-org.ts';
import { handler as listChildren } from './list-children.ts';
import { handler as me } from './me.ts';
import { handler as provinceFields } from './province-fields.ts';

export const handler = dispatch(me, getOrg, listChildren, provinceFields);
