// What the deployed bundles get instead of `@aws-sdk/credential-provider-node` (an esbuild alias
// in infra/constructs/function-bundles.ts): the SDK clients' default credentials, read from the
// environment variables Lambda sets for the function's role (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). In Lambda the full chain would stop at that same
// first step; its other providers (SSO, INI files, processes, web identity, container and instance
// metadata, with their nested STS and SSO clients) are a third of every bundle and never run.
// The SDK memoizes and refreshes what this returns, as it does for the full chain.
//
// Locally nothing changes: the local runtime and the tests run the sources with the real chain.
// `@aws-sdk/credential-provider-env` is the SDK's own first step of that chain, installed with the
// SDK clients (a transitive dependency, not one of package.json's).
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Same shape as credential-provider-node's `defaultProvider`: init options in, a provider out. */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]): ReturnType<typeof fromEnv> => fromEnv(init);
