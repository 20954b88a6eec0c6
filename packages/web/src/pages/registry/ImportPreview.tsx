import { ORGANISATION_COLUMN_KEYS } from '@keping/core';
import { Table, Tooltip, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';
import type { ImportProblem, ImportReport } from '../../types';
import { cellText, headerOf, problemsByCell } from './importModel';

interface PreviewRow<H extends string> {
  row: number;
  values: Partial<Record<H, unknown>>;
}

interface PreviewProps<H extends string> {
  report: { errors: ImportProblem[]; preview: PreviewRow<H>[] };
  headers: readonly H[];
  headerLabel: (header: H) => string;
  /** The column an error's field belongs to. */
  columnOf: (field: string) => string;
}

const BAD_CELL = { background: '#fff1f0', boxShadow: 'inset 0 0 0 1px #ffa39e' };

/** The organisations file's preview. */
export function ImportPreview({ report }: { report: ImportReport }) {
  const labels = useLabels();
  return <PreviewTable report={report} headers={ORGANISATION_COLUMN_KEYS} headerLabel={labels.field} columnOf={headerOf} />;
}

/** The first rows of a file as read, every bad cell in red with its reason in a tooltip. */
export function PreviewTable<H extends string>({ report, headers, headerLabel, columnOf }: PreviewProps<H>) {
  const { t } = useTranslation();
  const problems = problemsByCell(report, columnOf);
  const badRows = new Set(report.errors.map((e) => e.row));
  type Row = PreviewRow<H>;

  const columns: TableProps<Row>['columns'] = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    ...headers.map((header) => ({
      key: header,
      title: headerLabel(header),
      onCell: (r: Row) => (problems.has(`${r.row}|${header}`) ? { style: BAD_CELL } : {}),
      render: (_: unknown, r: Row) => {
        const value = cellText(r.values[header]);
        const cellProblems = problems.get(`${r.row}|${header}`);
        const style = header === 'name' ? {} : { whiteSpace: 'nowrap' as const };
        if (!cellProblems) return <span data-testid={`cell-${r.row}-${header}`} style={style}>{value}</span>;
        const reason = cellProblems.map((p) => p.message).join('\n');
        return (
          <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{reason}</span>} color="#a8071a">
            <div
              data-testid={`cell-error-${r.row}-${header}`}
              data-reason={reason}
              style={{ ...style, color: '#a8071a', minHeight: 22, cursor: 'help' }}
            >
              {value || '∅'}
            </div>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Table<Row>
      data-testid="import-preview"
      size="small"
      rowKey="row"
      bordered
      dataSource={report.preview}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(r) =>
        ({ 'data-testid': `preview-row-${r.row}`, style: badRows.has(r.row) ? { background: '#fffafa' } : {} }) as
        HTMLAttributes<HTMLElement>
      }
    />
  );
}
