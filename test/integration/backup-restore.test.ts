// Records keeping, locally: a stack's data (records, their history, a photo and its thumbnail)
// backed up with `npm run backup` once the stack is stopped, restored with `npm run restore` into a
// fresh data folder, and a stack started on that folder serves every record, history entry and file
// as before. The restore itself compares every table and bucket, item by item and byte by byte
// (order-free digests), with the backup; its summary must say all agree. A running stack's folder
// and a non-empty target are refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { BackupManifest } from '#local/backup/format.ts';
import { call, login } from '../support/api.ts';
import { jpeg } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REGISTRAR = 'registrar-th-shiyan';
const CLASS = '2144010601-G2026-C01';
const run = promisify(execFile);
const folders: string[] = [];
const stacks: RunningStack[] = [];
const temp = (name: string) => {
  const folder = mkdtempSync(join(tmpdir(), `xueji-${name}-`));
  folders.push(folder);
  return folder;
};

/** The command as `npm run backup` / `npm run restore` runs it, on this process's Node. */
async function command(script: 'backup' | 'restore', args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, `local/${script}.ts`), ...args], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

interface Snapshot {
  record: unknown;
  etag: string | null;
  history: unknown;
  /** The photo's and its thumbnail's bytes, when the student has one. */
  files: Buffer[];
}

async function snapshot(url: string, studentId: string): Promise<Snapshot> {
  const token = await login(REGISTRAR, url);
  const record = await call('GET', `/v1/students/${studentId}`, { token, url });
  const history = await call('GET', `/v1/students/${studentId}/history`, { token, url });
  const photo = await call<{ status: string; url: string; thumbnailUrl: string }>('GET', `/v1/students/${studentId}/photo`, { token, url });
  expect([record.status, history.status]).toEqual([200, 200]);
  const bytes = async (link: string) => Buffer.from(await (await fetch(link)).arrayBuffer());
  const files = photo.status === 200 && photo.body.status === 'accepted' ? [await bytes(photo.body.url), await bytes(photo.body.thumbnailUrl)] : [];
  return { record: record.body, etag: record.headers.get('etag'), history: history.body, files };
}

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
});

describe('backup and restore of a data folder', () => {
  it('restores every record, history entry and file into a fresh folder, and the restored stack serves them as before', { timeout: 240_000 }, async () => {
    const source = temp('source');
    const stack = await spawnStack({ dataDir: source, seedStudents: 0 });
    stacks.push(stack);
    const token = await login(REGISTRAR, stack.url);
    const url = stack.url;

    // Two records, one edited (a second history entry), one with an accepted photo (two files).
    const enrolled = await Promise.all(
      ['备份甲', '备份乙'].map(async (name) => {
        const reply = await call<{ studentId: string }>('POST', '/v1/students', { token, url, body: newStudent({ name, classId: CLASS }) });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        return reply.body.studentId;
      }),
    );
    const [edited, photographed] = enrolled as [string, string];
    const patch = await call('PATCH', `/v1/students/${edited}`, { token, url, body: { phone: '13700000000' }, headers: { 'if-match': '"1"' } });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const image = jpeg(180, 222);
    const slot = await call<{ upload: { url: string; fields: Record<string, string> } }>('POST', `/v1/students/${photographed}/photo`, { token, url, body: { contentType: 'image/jpeg', size: image.length } });
    expect(slot.status).toBe(201);
    const form = new FormData();
    for (const [field, value] of Object.entries(slot.body.upload.fields)) form.append(field, value);
    form.append('file', new Blob([image], { type: 'image/jpeg' }), 'photo.jpg');
    expect((await fetch(slot.body.upload.url, { method: 'POST', body: form, headers: { origin: url } })).status).toBe(204);
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const photo = await call<{ status: string }>('GET', `/v1/students/${photographed}/photo`, { token, url });
      if (photo.body.status !== 'pending') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const before = { edited: await snapshot(url, edited), photographed: await snapshot(url, photographed) };
    expect((before.edited.history as { items: unknown[] }).items).toHaveLength(2);
    expect(before.photographed.files).toHaveLength(2);
    expect(before.photographed.files[0]!.equals(image)).toBe(true);

    // A folder in use by a running stack is refused.
    const backup = temp('backup');
    const refused = await command('backup', [backup, '--data-dir', source]);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toMatch(/正被另一个运行中的本地环境使用/);

    await stack.stop();
    const backedUp = await command('backup', [backup, '--data-dir', source]);
    expect(backedUp.code, backedUp.output).toBe(0);
    const manifest = JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8')) as BackupManifest;
    expect(manifest.tables.map((t) => t.name)).toEqual(appManifest.tables.map((t) => t.name));
    expect(manifest.buckets.map((b) => b.name)).toEqual(appManifest.buckets.map((b) => b.name));
    expect(manifest.tables.find((t) => t.name === 'records')!.keySchema).toEqual([{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }]);
    // The photo and its thumbnail.
    expect(manifest.buckets.find((b) => b.name === 'files')!.objects).toBe(2);

    // A non-empty target is refused without --force.
    const notEmpty = await command('restore', [backup, '--data-dir', source]);
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.output).toMatch(/不是空的/);

    const restored = temp('restored');
    const restore = await command('restore', [backup, '--data-dir', restored]);
    expect(restore.code, restore.output).toBe(0);
    for (const table of manifest.tables) expect(restore.output).toContain(`表 ${table.name}: ${table.items}/${table.items} 条 一致`);
    for (const bucket of manifest.buckets) expect(restore.output).toContain(`存储桶 ${bucket.name}: ${bucket.objects}/${bucket.objects} 个文件 一致`);

    const again = await spawnStack({ dataDir: restored });
    stacks.push(again);
    expect(await snapshot(again.url, edited)).toEqual(before.edited);
    expect(await snapshot(again.url, photographed)).toEqual(before.photographed);
    // Still one record per ID number: the uniqueness items came back with the records.
    const { idNumber, name, gender, birthDate } = before.edited.record as Record<string, string>;
    const duplicate = await call('POST', '/v1/students', { token: await login(REGISTRAR, again.url), url: again.url, body: newStudent({ idNumber, name, gender, birthDate, classId: CLASS }) });
    expect(duplicate.status, JSON.stringify(duplicate.body)).toBe(409);
  });
});
