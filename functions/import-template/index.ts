// Area entry: the import template (XLSX), made with exceljs, which no other HTTP function carries.
// Built once per container: the national columns and code tables do not change while it runs.
import { importTemplateRoute } from '#shared/api/imports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { dispatch } from '#shared/http/dispatch.ts';
import { buildTemplate } from '#shared/services/imports/template.ts';

let template: Promise<Buffer> | undefined;

const getTemplate = apiHandler(importTemplateRoute, async () => {
  template ??= buildTemplate();
  return { body: { fileName: '学生信息导入模板.xlsx', content: new Uint8Array(await template) } };
});

export const handler = dispatch(getTemplate);
