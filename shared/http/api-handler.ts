// The handler of a route that needs a token: the generic HTTP handler with authentication, and
// for the routes that ask for them, the per-user lookup limit and Idempotency-Key.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authenticate } from './authenticate.ts';
import type { RouteContract } from './contract.ts';
import { httpHandler, type HttpReply, type HttpRequest, type ResponseOf, type RouteLambda } from './handler.ts';
import { idempotent, type Replay } from './idempotency.ts';
import { admitLookup } from './throttle.ts';

export interface ApiOptions {
  /** Counts toward the caller's lookup limit (enrolment; search by ID or national number): always, or when the request says so. */
  lookup?: true | ((event: APIGatewayProxyEventV2) => boolean);
  /** Takes an Idempotency-Key; `replay` rebuilds the answer from what the request created. */
  idempotent?: Replay;
}

export function apiHandler<C extends RouteContract>(
  contract: C,
  impl: (request: HttpRequest<C>) => Promise<HttpReply<ResponseOf<C>>>,
  options: ApiOptions = {},
): RouteLambda {
  const { lookup } = options;
  return httpHandler(contract, impl, {
    authenticate,
    ...(lookup ? { admit: (principal, event) => (lookup === true || lookup(event) ? admitLookup(principal) : Promise.resolve()) } : {}),
    ...(options.idempotent ? { once: idempotent(contract.operationId, options.idempotent) } : {}),
  });
}
