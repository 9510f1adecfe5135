// Schemas are built when first used, not when their module loads: building a zod schema makes
// many small objects (the student record alone costs more than 10 ms), and an area's Lambda loads
// the schemas of all its routes while a cold start serves only one of them. Output schemas, which
// only document and test the API, are then never built in production at all.
export type Built<T> = () => T;

export function once<T>(build: () => T): Built<T> {
  let value: T | undefined;
  return () => (value ??= build());
}
