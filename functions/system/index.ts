// Area entry: liveness and the answer for requests no route matches.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as health } from './health.ts';
import { handler as notFound } from './not-found.ts';

export const handler = dispatch(health, notFound);
