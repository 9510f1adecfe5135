// `xueji import`: upload, check or import, follow the job on stderr, then the counts and the
// report's path on stdout; the exit code says whether any row failed (exit-codes.ts).
import { Api } from './api.ts';
import { EXIT_OK, EXIT_ROWS_FAILED } from './exit-codes.ts';
import { runImport, type ImportView } from './follow.ts';
import type { ImportArgs } from './import-args.ts';
import { progressOn } from './progress.ts';
import { downloadReport, reportPath } from './report.ts';
import { uploadFile } from './upload.ts';

/** Row errors printed on stdout; the report has them all. */
const SHOWN_ERRORS = 10;

export async function importCommand(args: ImportArgs, out: (line: string) => void): Promise<number> {
  const api = new Api(args.url, 'token' in args.auth ? args.auth.token : '');
  if ('user' in args.auth) await api.devLogin(args.auth.user);
  const importId = await uploadFile(api, args.schoolId, args.file);
  const view = await runImport(api, importId, { dryRun: args.dryRun, mapping: args.mapping }, progressOn());
  for (const line of summary(view, args.dryRun)) out(line);
  // A job that failed (a header it cannot use, say) has no report: its reason is printed above.
  if (view.reportUrl) {
    const path = reportPath(args.file, args.outDir);
    await downloadReport(view.reportUrl, path);
    out(`报告: ${path}`);
  }
  return view.job?.status === 'succeeded' && view.failed === 0 ? EXIT_OK : EXIT_ROWS_FAILED;
}

function summary(view: ImportView, dryRun: boolean): string[] {
  const job = view.job!;
  const lines = [`导入编号: ${view.importId}`];
  if (job.status === 'failed') {
    lines.push(`导入失败: ${job.errorSamples.map((sample) => sample.message).join('；') || '原因不明'}`);
  } else if (dryRun) {
    lines.push(`检查完成 (未写入): 共 ${job.total} 行，可导入 ${view.ready} 行，已有学籍跳过 ${view.skipped} 行，出错 ${view.failed} 行`);
  } else {
    lines.push(`导入完成: 共 ${job.total} 行，新建学籍 ${view.created} 行，已有学籍跳过 ${view.skipped} 行，出错 ${view.failed} 行`);
  }
  for (const error of view.rowErrors.slice(0, SHOWN_ERRORS)) lines.push(`  第 ${error.row} 行${error.column ? ` ${error.column}` : ''}: ${error.message}`);
  if (view.rowErrorCount > SHOWN_ERRORS) lines.push(`  …共 ${view.rowErrorCount} 个问题，详见报告`);
  return lines;
}
