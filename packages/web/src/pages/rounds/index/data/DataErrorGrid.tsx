import { Table, Tooltip, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedRowProblem } from '../../../../indexTypes';

type GridRow = { row: number; cells: Map<string, ImportedRowProblem[]> };

const BAD_CELL = { background: '#fff1f0', boxShadow: 'inset 0 0 0 1px #ffa39e' };

/**
 * The rows of the file that have problems, one column per column with a problem (the USCC or an
 * indicator): every bad cell in red with its value, the reason in a tooltip.
 */
export function DataErrorGrid({ errors, indicatorName }: { errors: ImportedRowProblem[]; indicatorName: (id: string) => string }) {
  const { t } = useTranslation();
  const { rows, fields } = useMemo(() => {
    const byRow = new Map<number, GridRow>();
    const fieldSet = new Set<string>();
    for (const e of errors) {
      fieldSet.add(e.field);
      const r = byRow.get(e.row) ?? { row: e.row, cells: new Map() };
      r.cells.set(e.field, [...(r.cells.get(e.field) ?? []), e]);
      byRow.set(e.row, r);
    }
    const first = ['header', 'uscc'];
    const ordered = [...first.filter((f) => fieldSet.has(f)), ...[...fieldSet].filter((f) => !first.includes(f))];
    return { rows: [...byRow.values()].sort((a, b) => a.row - b.row), fields: ordered };
  }, [errors]);

  const title = (field: string) =>
    field === 'header' ? t('fields.header') : field === 'uscc' ? t('top100.column.uscc') : indicatorName(field);

  const columns: TableProps<GridRow>['columns'] = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    ...fields.map((field) => ({
      key: field,
      title: <span style={{ whiteSpace: 'nowrap' }}>{title(field)}</span>,
      onCell: (r: GridRow) => (r.cells.has(field) ? { style: BAD_CELL } : {}),
      render: (_: unknown, r: GridRow) => {
        const problems = r.cells.get(field);
        if (!problems) return null;
        const reason = problems.map((p) => p.message).join('\n');
        const value = problems.find((p) => p.value !== undefined)?.value ?? '';
        return (
          <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{reason}</span>} color="#a8071a">
            <div data-testid={`cell-error-${r.row}-${field}`} data-reason={reason} style={{ color: '#a8071a', minHeight: 22, cursor: 'help', whiteSpace: 'nowrap' }}>
              {value || '∅'}
            </div>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Table<GridRow>
      data-testid="data-error-grid"
      size="small"
      bordered
      rowKey="row"
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': `error-row-${r.row}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
