// The working files of an import in the files bucket (chunks of checked rows, outcomes, the row
// errors): small JSON objects under the import's prefix, expired with it.
import { text } from 'node:stream/consumers';
import { putObject, readObjectStream } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';

export async function putJson(key: string, value: unknown): Promise<void> {
  await putObject(bucketName(FILES_BUCKET), key, Buffer.from(JSON.stringify(value)), { contentType: 'application/json' });
}

export async function getObjectJson<T>(key: string): Promise<T> {
  const stream = await readObjectStream(bucketName(FILES_BUCKET), key);
  if (!stream) throw new Error(`import file ${key} is missing`);
  return JSON.parse(await text(stream)) as T;
}

/** Like getObjectJson, but undefined for a file not (yet) written. */
export async function findObjectJson<T>(key: string): Promise<T | undefined> {
  const stream = await readObjectStream(bucketName(FILES_BUCKET), key);
  return stream ? (JSON.parse(await text(stream)) as T) : undefined;
}
