import { exchangeDocumentRoute } from '#shared/api/exchange.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { exchangeDocument } from '#shared/services/exchange/document.ts';
import { whenReady } from '#shared/services/exchange/ready.ts';

// Peers fetch it to verify our packets and receipts and to encrypt to us: cached an hour, so a new
// key reaches every peer within that time.
export const handler = httpHandler(exchangeDocumentRoute, async () => ({
  body: await whenReady(exchangeDocument),
  headers: { 'cache-control': 'public, max-age=3600' },
}));
