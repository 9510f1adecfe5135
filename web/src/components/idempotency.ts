// An Idempotency-Key (docs/api-guide.md "Retries"): one per submission, kept for its retries, so a
// double click or a resend after a timeout has one effect.
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); a deployment reached over plain
  // http on a school's network still needs a key.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
