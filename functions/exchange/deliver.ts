import { deliverPacketRoute } from '#shared/api/exchange.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { receivePacket } from '#shared/services/exchange/receive.ts';
import { whenReady } from '#shared/services/exchange/ready.ts';

// No user token: the packet's signature is the sender's credential.
export const handler = httpHandler(deliverPacketRoute, async ({ body, correlationId }) => ({
  body: await whenReady(() => receivePacket(body.packet, correlationId)),
}));
