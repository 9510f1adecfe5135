// Exchange between deployments (跨省转学): the well-known document with the province and its
// public keys, and the endpoint that takes packets from peer provinces. Neither takes a user's
// token: a packet is authenticated by its signature (shared/domain/exchange/open.ts), and the
// endpoint answers nothing but a signed receipt or a refusal code.
import * as z from 'zod/mini';
import { MAX_PACKET_CHARS } from '#shared/domain/exchange/packet.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

const PublicKeySchema = once(() =>
  z
    .strictObject({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
      kid: z.string().check(z.meta({ description: '密钥编号 (RFC 7638 指纹)' })),
      use: z.enum(['sig', 'enc']).check(z.meta({ description: 'sig: 签名交换包与回执；enc: 对方用它加密发给本省的个人信息' })),
      alg: z.enum(['ES256', 'ECDH-ES+A256KW']),
    })
    .check(z.meta({ id: 'ExchangePublicKey' })),
);

export const ExchangeDocumentSchema = once(() =>
  z.strictObject({
    province: z.string().check(z.meta({ description: '本部署的省级行政区划代码' })),
    keys: z.array(PublicKeySchema()).check(z.meta({ description: '公钥 (JWKS 的 keys；本文档本身即一个 JWKS)' })),
  }),
);

export const exchangeDocumentRoute = defineRoute({
  operationId: 'getExchangeDocument',
  method: 'GET',
  path: '/.well-known/xueji-exchange',
  summary: '本部署的省份代码与跨省交换公钥 (JWKS)',
  tags: ['exchange'],
  auth: false,
  response: ExchangeDocumentSchema,
  successStatus: 200,
  errors: [503],
});

export const deliverPacketRoute = defineRoute({
  operationId: 'deliverExchangePacket',
  method: 'POST',
  path: '/v1/exchange/packets',
  summary: '接收其他省份发来的交换包 (签名的 JWS，个人信息加密给本省)，答复签名的回执',
  tags: ['exchange'],
  auth: false,
  body: once(() =>
    z.strictObject({
      packet: z.string().check(
        z.minLength(1, '请填写交换包'),
        z.maxLength(MAX_PACKET_CHARS, '交换包不能超过 256 KB'),
        z.meta({ title: '交换包', description: 'compact JWS (ES256)，载荷中的个人信息是加密给本省的 compact JWE' }),
      ),
    }),
  ),
  response: once(() => z.strictObject({ receipt: z.string().check(z.meta({ description: '回执: 本省签名的交换包 (type receipt)，body 为 {packetId, receivedAt, by}' })) })),
  successStatus: 202,
  errors: [401, 409, 413, 415, 503],
});
