// Area entry: liveness, how to sign in, and the answer for requests no route matches.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as authConfig } from './auth-config.ts';
import { handler as health } from './health.ts';
import { handler as notFound } from './not-found.ts';

export const handler = dispatch(health, authConfig, notFound);
