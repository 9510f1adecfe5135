// 确认导入: says exactly what the run writes (the rows that passed the check, as new records), what
// it leaves (rows with a record already, rows with errors), and that a file is imported only once.
import { Flex, Modal, Typography } from 'antd';
import type { ImportView } from './data.ts';

export function StartImportDialog({ view, open, busy, onConfirm, onClose }: { view: ImportView; open: boolean; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal open={open} title="确认导入" okText="确认导入" cancelText="取消" onOk={onConfirm} onCancel={onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <Flex vertical gap={8} data-testid="import-confirm">
        <Typography.Paragraph style={{ margin: 0 }}>
          将为 <Typography.Text strong>{view.ready}</Typography.Text> 名学生新建学籍 (写入 {view.ready} 行)，编入文件中所填的年级和班级。
        </Typography.Paragraph>
        {(view.skipped > 0 || view.failed > 0) && (
          <Typography.Paragraph style={{ margin: 0 }}>
            {view.skipped > 0 && `已有学籍的 ${view.skipped} 行跳过；`}
            {view.failed > 0 && `有错误的 ${view.failed} 行不导入，可按报告修改后另存为新文件再上传。`}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          写入前会再检查一遍；检查后才在别处注册的学生，导入时跳过。每个文件只能正式导入一次，导入后如有错误，请在学生信息维护中修改。
        </Typography.Paragraph>
      </Flex>
    </Modal>
  );
}
