// Area entry: exchange between deployments (跨省转学): the well-known document with the province
// and its public keys, and the endpoint that takes packets from peer provinces. Public routes: a
// packet proves its sender by its signature, not by a user's token.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as deliver } from './deliver.ts';
import { handler as document } from './document.ts';

export const handler = dispatch(document, deliver);
