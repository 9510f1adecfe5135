// Area entry: student photos (照片): the registrar's upload form and the photo with its links, and
// photo batches (a zip per class, grade or school): their forms, starts and reports.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as batchCreate } from './batch-create.ts';
import { handler as batchGet } from './batch-get.ts';
import { handler as batchStart } from './batch-start.ts';
import { handler as get } from './get.ts';
import { handler as upload } from './upload.ts';

export const handler = dispatch(upload, get, batchCreate, batchStart, batchGet);
