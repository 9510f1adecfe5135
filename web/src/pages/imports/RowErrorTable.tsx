// The problems of an import, one line per cell: 行号 as in the spreadsheet (the header is row 1),
// 列 as the file's header names it (empty: the whole row), 问题 with the fix. Paged here; the API
// answers the first 500, so when there are more the table says so and points at the report. On a
// phone each problem is a card of its own, so the message is read whole without scrolling sideways.
import { Alert, Flex, Grid, List, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { RowError } from './data.ts';

export function RowErrorTable({ errors, count }: { errors: RowError[]; count: number }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const columns = [...new Set(errors.map((error) => error.column))];
  return (
    <div data-testid="row-errors">
      {count > errors.length && (
        <Alert type="warning" showIcon title={`共有 ${count} 处问题，下表列出前 ${errors.length} 处；全部问题见“下载检查报告”。`} data-testid="row-errors-more" style={{ marginBottom: 8 }} />
      )}
      {wide ? (
        <Table<RowError & { key: number }>
          size="small"
          dataSource={errors.map((error, index) => ({ ...error, key: index }))}
          onRow={() => ({ 'data-testid': 'row-error' }) as HTMLAttributes<HTMLElement>}
          pagination={{ defaultPageSize: 10, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], hideOnSinglePage: false, showTotal: (total) => `共 ${total} 条` }}
          scroll={{ x: 560 }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row, render: (row: number) => `第 ${row} 行` },
            {
              title: '列',
              dataIndex: 'column',
              width: 160,
              filters: columns.map((column) => ({ text: column || '(整行)', value: column })),
              onFilter: (value, error) => error.column === value,
              render: (column: string) => column || <Typography.Text type="secondary">(整行)</Typography.Text>,
            },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      ) : (
        <List
          size="small"
          dataSource={errors}
          pagination={{ pageSize: 10, size: 'small', showTotal: (total) => `共 ${total} 条` }}
          renderItem={(error, index) => (
            <List.Item key={index} data-testid="row-error">
              <Flex vertical gap={2}>
                <Typography.Text strong>
                  第 {error.row} 行 · {error.column || '整行'}
                </Typography.Text>
                <span>{error.message}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
