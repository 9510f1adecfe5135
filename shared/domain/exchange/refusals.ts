// Why a packet is refused, one stable code each; the HTTP status and the audit entry are decided
// where the refusal is answered (shared/services/exchange/receive.ts). REPLAYED is decided by the
// data layer: a packet id already received with other content.
export const REFUSAL_CODES = ['MALFORMED', 'UNSIGNED', 'BAD_SIGNATURE', 'UNKNOWN_PEER', 'NOT_FOR_US', 'EXPIRED', 'REPLAYED'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** What the sender is told. It names the rule broken, never the packet's content. */
export const REFUSAL_MESSAGES: Record<RefusalCode, string> = {
  MALFORMED: '交换包格式不正确，或其中的个人信息密文无法解密',
  UNSIGNED: '交换包没有签名，不予接收',
  BAD_SIGNATURE: '交换包的签名无法用发送省份公布的公钥验证',
  UNKNOWN_PEER: '发送省份不在本部署的交换对象之列',
  NOT_FOR_US: '交换包不是发给本省的',
  EXPIRED: '交换包不在有效期内',
  REPLAYED: '该交换包编号已收到过内容不同的交换包',
};
