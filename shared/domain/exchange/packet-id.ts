// Packet ids: UUIDs version 7 (RFC 9562). Apart from the packet's schemas, so a function that only
// writes a packet to the outbox (the changes function) does not carry them.

/**
 * A new packet id: a UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds,
 * so the ids of one sender sort by when they were made.
 */
export function newPacketId(now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 0; i < 6; i += 1) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) % 256;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
