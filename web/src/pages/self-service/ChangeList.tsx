// The changes of a correction, one line each: 字段 old → new, with code values in words.
import { ArrowRightOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { FIELD_LABELS } from '../../students/fields.ts';
import { isEmpty, readable } from './correctable.ts';

interface Change {
  field: string;
  old?: unknown;
  new?: unknown;
}

export function ChangeList({ changes, highlight = [] }: { changes: Change[]; highlight?: string[] }) {
  return (
    <Flex vertical gap={6}>
      {changes.map((change) => (
        <Flex key={change.field} wrap gap={8} align="baseline" style={highlight.includes(change.field) ? { background: '#fff7e6', padding: '2px 6px', borderRadius: 4 } : undefined}>
          <Typography.Text type="secondary" style={{ minWidth: 96 }}>
            {FIELD_LABELS[change.field] ?? change.field}
          </Typography.Text>
          {/* A value that was not there is not struck out: the change fills it in. */}
          <Typography.Text delete={!isEmpty(change.old)} type="secondary" style={{ wordBreak: 'break-all' }}>
            {readable(change.field, change.old)}
          </Typography.Text>
          <ArrowRightOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
          <Typography.Text strong style={{ wordBreak: 'break-all' }}>
            {readable(change.field, change.new)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
