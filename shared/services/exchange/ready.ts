// An exchange that is not set up on this deployment answers 503 EXCHANGE_NOT_CONFIGURED with why,
// rather than a 500: it is a setting to make, not a bug.
import { ApiError } from '#shared/http/api-error.ts';
import { ExchangeNotReady } from './keys.ts';

export async function whenReady<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ExchangeNotReady) throw new ApiError(503, 'EXCHANGE_NOT_CONFIGURED', error.message);
    throw error;
  }
}
