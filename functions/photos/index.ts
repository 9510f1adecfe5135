// Area entry: student photos (照片): the registrar's upload form and the photo with its links.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as get } from './get.ts';
import { handler as upload } from './upload.ts';

export const handler = dispatch(upload, get);
