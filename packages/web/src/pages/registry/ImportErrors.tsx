import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';
import type { ImportProblem } from '../../types';
import { cellText } from './importModel';

/** Every problem of the file: row, column, value and reason. */
export function ImportErrors({ errors }: { errors: ImportProblem[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Table<ImportProblem & { key: number }>
      data-testid="import-errors"
      size="small"
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 70 },
        { title: t('import.column'), dataIndex: 'field', width: 180, render: (f: string) => (f ? labels.field(f) : '') },
        { title: t('import.value'), dataIndex: 'value', width: 200, render: (v: unknown) => cellText(v) },
        { title: t('import.reason'), dataIndex: 'message' },
      ]}
    />
  );
}
