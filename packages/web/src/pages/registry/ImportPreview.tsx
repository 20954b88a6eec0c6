import { Table, Tooltip, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';
import { PREVIEW_HEADERS, type ImportReport } from '../../types';
import { cellText, problemsByCell } from './importModel';

type PreviewRow = ImportReport['preview'][number];

const BAD_CELL = { background: '#fff1f0', boxShadow: 'inset 0 0 0 1px #ffa39e' };

/** The first rows of the file as read, every bad cell in red with its reason in a tooltip. */
export function ImportPreview({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const problems = problemsByCell(report);
  const badRows = new Set(report.errors.map((e) => e.row));

  const columns: TableProps<PreviewRow>['columns'] = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    ...PREVIEW_HEADERS.map((header) => ({
      key: header,
      title: labels.field(header),
      onCell: (r: PreviewRow) => (problems.has(`${r.row}|${header}`) ? { style: BAD_CELL } : {}),
      render: (_: unknown, r: PreviewRow) => {
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
    <Table<PreviewRow>
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
