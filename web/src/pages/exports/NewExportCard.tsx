// 新建导出: what to export (导出内容), of which organisation (机构: the page's, or a school, grade or
// class below it) and in which format (格式); 导出 makes the file once (POST /v1/exports, a job the
// list below follows), 保存定时 makes it again and again by a rule in China time (POST
// /v1/export-schedules). Each request goes under an Idempotency-Key, so a double click or a
// resend after a timeout makes one file or one schedule. Refusals are put under their fields (the
// API names them) or said above the buttons.
import { ClockCircleOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Col, Flex, Form, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { createExportRoute, createExportScheduleRoute } from '#shared/api/exports.ts';
import { EXPORT_KIND_LABEL, KIND_FORMATS, KIND_ORGS, ORG_EXPORT_KINDS, type ExportFormat, type OrgExportKind } from '#shared/domain/exports/kinds.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { ExportOrgPicker, type Org } from './ExportOrgPicker.tsx';
import { exportsKey, schedulesKey } from './keys.ts';
import { CRON_PRESETS, cronReading, FORMAT_LABEL, orgKindsText, refusalText } from './words.ts';
import { ORG_KIND_LABEL } from '../../labels.ts';

interface Values {
  kind: OrgExportKind;
  orgId: string;
  format: ExportFormat;
  cron?: string;
}

const KIND_OPTIONS = ORG_EXPORT_KINDS.map((kind) => ({ value: kind, label: EXPORT_KIND_LABEL[kind] }));

export function NewExportCard({ path, onOrg }: { path: Org[]; onOrg: (orgId: string) => void }) {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const org = path[path.length - 1]!;
  const kind = Form.useWatch('kind', form) ?? 'roster';
  const cron = Form.useWatch('cron', form) ?? '';
  const exportKey = useSubmissionKey();
  const scheduleKey = useSubmissionKey();
  const [problem, setProblem] = useState<{ title: string; lines: string[] }>();

  // The page's organisation is the form's (a page opened at ?orgId=, or the back button).
  useEffect(() => form.setFieldValue('orgId', org.orgId), [form, org.orgId]);

  /** A refusal: under its fields when the API names them, else above the buttons. */
  const refused = (error: unknown, key: ReturnType<typeof useSubmissionKey>) => {
    // An answer (not a lost connection) ends this submission: the next click is another.
    if (error instanceof ApiClientError && error.status > 0) key.reset();
    const unplaced = error instanceof ApiClientError ? applyFieldErrors(form, error.fields) : [];
    if (error instanceof ApiClientError && error.fields.length > 0 && unplaced.length === 0) return setProblem(undefined);
    setProblem({ title: refusalText(error), lines: unplaced.map((field) => field.message).filter((line) => line !== refusalText(error)) });
  };

  const start = useMutation({
    mutationFn: async (body: Omit<Values, 'cron'>) => (await request(createExportRoute, { body, headers: { 'idempotency-key': exportKey.keyFor(body) } })).data,
    onSuccess: (_job, body) => {
      exportKey.reset();
      setProblem(undefined);
      void message.success(`已开始导出${EXPORT_KIND_LABEL[body.kind]}，完成后在“导出记录”中下载`);
      void client.invalidateQueries({ queryKey: exportsKey(body.orgId) });
    },
    onError: (error) => refused(error, exportKey),
  });
  const schedule = useMutation({
    mutationFn: async (body: Required<Values>) => (await request(createExportScheduleRoute, { body, headers: { 'idempotency-key': scheduleKey.keyFor(body) } })).data,
    onSuccess: (saved) => {
      scheduleKey.reset();
      setProblem(undefined);
      void message.success(`已保存定时导出：${cronReading(saved.cron) ?? saved.cron}`);
      void client.invalidateQueries({ queryKey: schedulesKey(saved.orgId) });
    },
    onError: (error) => refused(error, scheduleKey),
  });

  const onExport = async () => {
    const values = await form.validateFields(['kind', 'orgId', 'format']);
    start.mutate({ kind: values.kind, orgId: values.orgId, format: values.format });
  };
  const onSchedule = async () => {
    const values = await form.validateFields(['kind', 'orgId', 'format', 'cron']);
    schedule.mutate({ kind: values.kind, orgId: values.orgId, format: values.format, cron: (values.cron ?? '').trim() });
  };

  const fits = KIND_ORGS[kind].includes(org.kind);
  const reading = cronReading(cron);
  return (
    <Card size="small" title="新建导出" data-testid="new-export">
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'roster', orgId: org.orgId, format: 'xlsx' }}
        onValuesChange={(changed: Partial<Values>) => {
          setProblem(undefined);
          // A refusal was of the combination: another choice is asked afresh.
          if (changed.kind || changed.orgId || changed.format) form.setFields((['kind', 'orgId', 'format'] as const).map((name) => ({ name, errors: [] })));
          // A kind has its own formats: keep the chosen one if it has it, else its usual one.
          if (changed.kind) {
            const formats: readonly ExportFormat[] = KIND_FORMATS[changed.kind];
            if (!formats.includes(form.getFieldValue('format') as ExportFormat)) form.setFieldValue('format', formats[0]);
          }
          if (changed.orgId) onOrg(changed.orgId);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label="导出内容" rules={[{ required: true, message: '请选择导出内容' }]} extra={`按${orgKindsText(kind)}导出`}>
              <Select options={KIND_OPTIONS} aria-label="导出内容" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="orgId"
              label="机构"
              rules={[{ required: true, message: '请选择机构' }]}
              extra={fits ? undefined : <Typography.Text type="warning">{`${EXPORT_KIND_LABEL[kind]}不能按${ORG_KIND_LABEL[org.kind]}导出，请选择${orgKindsText(kind)}`}</Typography.Text>}
            >
              <ExportOrgPicker path={path} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="format" label="格式" rules={[{ required: true, message: '请选择格式' }]}>
              <Radio.Group optionType="button" options={KIND_FORMATS[kind].map((format) => ({ value: format, label: FORMAT_LABEL[format] }))} />
            </Form.Item>
          </Col>
        </Row>
        {problem && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="export-problem"
            title={problem.title}
            description={problem.lines.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{problem.lines.map((line) => <li key={line}>{line}</li>)}</ul> : undefined}
          />
        )}
        <Button type="primary" icon={<ExportOutlined />} loading={start.isPending} onClick={() => void onExport().catch(() => undefined)} data-testid="export-start">
          导出
        </Button>
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 20, paddingTop: 12 }}>
          <Typography.Text strong>
            <ClockCircleOutlined /> 定时导出
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
            按上面选择的导出内容、机构和格式，到时自动导出 (北京时间)，文件列在导出记录中并标“定时”。
          </Typography.Paragraph>
        </div>
        <Form.Item label="定时规则" style={{ maxWidth: 560, marginBottom: 0 }} extra={reading ? `${reading} (北京时间)` : '分 时 日 月 周，北京时间；如 30 6 * * 1-5 为周一至周五 6:30'}>
          <Flex gap={8}>
            <Form.Item name="cron" noStyle rules={[{ required: true, whitespace: true, message: '请选择或填写定时规则' }]}>
              <AutoComplete
                aria-label="定时规则"
                style={{ flex: 1, minWidth: 0 }}
                placeholder="选择或填写，如 0 7 * * 1"
                options={CRON_PRESETS.map((preset) => ({
                  value: preset.cron,
                  label: (
                    <Flex justify="space-between" gap={16}>
                      <span>{preset.label}</span>
                      <Typography.Text type="secondary" code>
                        {preset.cron}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            </Form.Item>
            <Button icon={<ClockCircleOutlined />} loading={schedule.isPending} onClick={() => void onSchedule().catch(() => undefined)} data-testid="schedule-save">
              保存定时
            </Button>
          </Flex>
        </Form.Item>
      </Form>
    </Card>
  );
}
