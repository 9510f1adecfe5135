// How a resource's physical name reaches a handler: one environment variable per resource, the
// same in Lambda (set by the stacks) and locally (set by the runtime).

export function tableEnv(table: string): string {
  return `TABLE_${envSuffix(table)}`;
}

/** A table's ARN, for the calls that take one (ExportTableToPointInTime). */
export function tableArnEnv(table: string): string {
  return `TABLE_${envSuffix(table)}_ARN`;
}

export function bucketEnv(bucket: string): string {
  return `BUCKET_${envSuffix(bucket)}`;
}

export function queueUrlEnv(queue: string): string {
  return `QUEUE_${envSuffix(queue)}_URL`;
}

function envSuffix(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
}
