// An item image of a DynamoDB stream record (attribute values as the wire has them) as a plain
// object, as the document client reads items. Here rather than @aws-sdk/util-dynamodb's unmarshall,
// which is not one of the project's own dependencies; sets become arrays, binaries stay base64.
import type { AttributeValue } from 'aws-lambda';

function value(attribute: AttributeValue): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL !== undefined) return null;
  if (attribute.M !== undefined) return fromImage(attribute.M);
  if (attribute.L !== undefined) return attribute.L.map(value);
  if (attribute.SS !== undefined) return attribute.SS;
  if (attribute.NS !== undefined) return attribute.NS.map(Number);
  return attribute.B ?? attribute.BS;
}

export function fromImage(image: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).map(([name, attribute]) => [name, value(attribute)]));
}
