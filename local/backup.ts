// `npm run backup -- <folder> [--data-dir <dir>]`: copies every table of the manifest and every
// bucket of a stopped local stack's data folder (DATA_DIR, default .data) into a new folder, with
// a manifest of counts and digests that `npm run restore` checks. The stack must be stopped: a
// folder in use is refused. Messages waiting in the queues are not copied (local/backup/format.ts).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { dumpBucket, dumpTable } from './backup/dump.ts';
import { openDataFolder } from './backup/emulators.ts';
import { BACKUP_FILE, BACKUP_FORMAT, type BackupManifest } from './backup/format.ts';

/** Progress and the summary, on stdout. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
const target = positionals[0];
const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.data');
if (!target || positionals.length > 1) {
  console.error('用法 / usage: npm run backup -- <备份目录 folder> [--data-dir <数据目录>]');
  process.exit(2);
}
if (!existsSync(join(dataDir, 'dynamodb'))) {
  console.error(`数据目录 ${dataDir} 中没有数据 / no local stack data in ${dataDir}`);
  process.exit(2);
}
const folder = resolve(target);
if (existsSync(folder) && readdirSync(folder).length > 0) {
  console.error(`备份目录 ${folder} 不是空的，请换一个 / the backup folder is not empty`);
  process.exit(2);
}
mkdirSync(folder, { recursive: true });

const emulators = await openDataFolder(dataDir).catch((error: unknown) => {
  console.error(`无法打开数据目录: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
try {
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), source: dataDir, tables: [], buckets: [] };
  for (const table of appManifest.tables) {
    manifest.tables.push(await dumpTable(emulators.dynamodb, table.name, folder));
    say(`表 ${table.name}: ${manifest.tables.at(-1)!.items} 条`);
  }
  for (const bucket of appManifest.buckets) {
    manifest.buckets.push(await dumpBucket(emulators.s3, bucket.name, folder));
    say(`存储桶 ${bucket.name}: ${manifest.buckets.at(-1)!.objects} 个文件`);
  }
  // Last: a folder without it is an unfinished backup, which restore refuses.
  writeFileSync(join(folder, BACKUP_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  say(`备份完成 / backup written to ${folder}`);
} finally {
  await emulators.stop();
}
