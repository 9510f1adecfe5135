// A record's 学籍状态 (在籍, 休学, 辍学 …) as a tag: green while enrolled, a warning colour otherwise.
import { Tag } from 'antd';
import { RECORD_STATUS_LABEL, type RecordStatus } from '#shared/domain/changes/kinds.ts';

const COLOR: Record<RecordStatus, string> = {
  enrolled: 'green',
  leave: 'orange',
  graduated: 'blue',
  dropout: 'red',
  abroad: 'purple',
  deceased: 'default',
  withdrawn: 'red',
  transferred: 'default',
};

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  return (
    <Tag color={COLOR[status]} data-testid="record-status">
      {RECORD_STATUS_LABEL[status]}
    </Tag>
  );
}
