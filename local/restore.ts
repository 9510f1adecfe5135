// `npm run restore -- <folder> [--data-dir <dir>] [--force]`: loads a backup made by `npm run
// backup` into a fresh data folder (DATA_DIR, default .data): the manifest's tables, buckets and
// queues are created as the runtime creates them, every item and object is written, then every
// table and bucket is read back and its count and digest compared with the backup's. A non-empty
// folder is refused; --force empties it first. The local keys are made anew at the next start (old
// tokens and list cursors stop working; nothing stored depends on them).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { openDataFolder } from './backup/emulators.ts';
import { BACKUP_FILE, BACKUP_FORMAT, type BackupManifest } from './backup/format.ts';
import { bucketDigest, loadBucket, loadTable, tableDigest } from './backup/load.ts';
import { provision } from './provision.ts';

/** Progress and the summary, on stdout. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' } } });
const source = positionals[0];
const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.data');
if (!source || positionals.length > 1) {
  console.error('用法 / usage: npm run restore -- <备份目录 folder> [--data-dir <数据目录>] [--force]');
  process.exit(2);
}
const folder = resolve(source);
if (!existsSync(join(folder, BACKUP_FILE))) {
  console.error(`${folder} 不是完整的备份 (没有 ${BACKUP_FILE}) / not a finished backup`);
  process.exit(2);
}
const backup = JSON.parse(readFileSync(join(folder, BACKUP_FILE), 'utf8')) as BackupManifest;
if (backup.format !== BACKUP_FORMAT) {
  console.error(`备份格式 ${backup.format} 不受支持 / unsupported backup format`);
  process.exit(2);
}
const unknown = [...backup.tables.filter((t) => !appManifest.tables.some((d) => d.name === t.name)), ...backup.buckets.filter((b) => !appManifest.buckets.some((d) => d.name === b.name))];
if (unknown.length > 0) {
  console.error(`备份中有本版本没有的表或存储桶: ${unknown.map((u) => u.name).join(', ')} / the backup holds tables or buckets this version does not know`);
  process.exit(2);
}
if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
  if (!values.force) {
    console.error(`数据目录 ${dataDir} 不是空的；加 --force 会先清空它 / the data folder is not empty (--force empties it first)`);
    process.exit(2);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

const emulators = await openDataFolder(dataDir).catch((error: unknown) => {
  console.error(`无法打开数据目录: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
let mismatches = 0;
try {
  await provision(appManifest, emulators);
  for (const table of backup.tables) await loadTable(emulators.dynamodb, table, folder);
  for (const bucket of backup.buckets) await loadBucket(emulators.s3, bucket, folder);
  for (const table of backup.tables) {
    const now = await tableDigest(emulators.dynamodb, table.name);
    const same = now.items === table.items && now.digest === table.digest;
    if (!same) mismatches += 1;
    say(`表 ${table.name}: ${now.items}/${table.items} 条 ${same ? '一致' : '不一致 / MISMATCH'}`);
  }
  for (const bucket of backup.buckets) {
    const now = await bucketDigest(emulators.s3, bucket.name);
    const same = now.objects === bucket.objects && now.bytes === bucket.bytes && now.digest === bucket.digest;
    if (!same) mismatches += 1;
    say(`存储桶 ${bucket.name}: ${now.objects}/${bucket.objects} 个文件 ${same ? '一致' : '不一致 / MISMATCH'}`);
  }
} finally {
  await emulators.stop();
}
if (mismatches > 0) {
  console.error(`恢复后有 ${mismatches} 处与备份不一致 / the restore differs from the backup`);
  process.exit(1);
}
say(`恢复完成并已核对 / restored into ${dataDir} (backup of ${backup.createdAt}) and verified`);
