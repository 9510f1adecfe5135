// Examples of the exchange routes for the OpenAPI document (shared/api/examples.ts spreads them in).
// Made-up keys and a shortened packet: they show the shapes, nothing verifies with them.
const signingKey = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', use: 'sig', alg: 'ES256' } as const;
const encryptionKey = { kty: 'EC', crv: 'P-256', x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0', y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps', kid: 'Jl1Wk1e7NH2GTbB8e1zGSk3ZTF4j2e6SEDE1NxqZc4Q', use: 'enc', alg: 'ECDH-ES+A256KW' } as const;

export const EXCHANGE_EXAMPLES: Record<string, { request?: unknown; response: unknown }> = {
  getExchangeDocument: { response: { province: '440000', keys: [signingKey, encryptionKey] } },
  deliverExchangePacket: {
    request: { packet: 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ik56YkxzWGg4dURDY2QtNk1Od1hGNFdfN25vV1hGWkFmSGt4WnNSR0M5WHMiLCJ0eXAiOiJ4dWVqaS1leGNoYW5nZStqd3MifQ.eyJwYWNrZXRJZCI6Ii4uLiJ9.MEUCIQ…' },
    response: { receipt: 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ii4uLiIsInR5cCI6Inh1ZWppLWV4Y2hhbmdlK2p3cyJ9.eyJ0eXBlIjoicmVjZWlwdCJ9.SGVsbG8…' },
  },
};
