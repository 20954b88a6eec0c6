import { Table, type TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { GroupTags } from '../../components/TagList';
import { useLabels } from '../../labels';
import { SORT_KEYS, type Organisation, type OrganisationQuery, type SortKey } from '../../types';

const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

interface Props {
  items: Organisation[];
  total: number;
  loading: boolean;
  query: OrganisationQuery;
  onChange: (patch: Partial<OrganisationQuery>) => void;
}

/** The registry as a table: server-side pages and sorting. */
export function OrganisationTable({ items, total, loading, query, onChange }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const sortOrder = (key: SortKey) =>
    query.sort === key ? (query.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;

  const columns: TableProps<Organisation>['columns'] = [
    {
      key: 'name',
      title: t('fields.name'),
      dataIndex: 'name',
      minWidth: 220,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, o) => (
        <Link to={`/organisations/${o.uscc}`} data-testid={`org-link-${o.uscc}`}>{name}</Link>
      ),
    },
    {
      key: 'uscc',
      title: t('fields.uscc'),
      dataIndex: 'uscc',
      sorter: true,
      sortOrder: sortOrder('uscc'),
      render: (v: string) => <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { key: 'kind', title: t('fields.kind'), dataIndex: 'kind', render: (v: string | null) => nowrap(labels.kind(v)) },
    {
      key: 'district',
      title: t('fields.district'),
      dataIndex: 'district',
      render: (v: string | null) => nowrap(labels.district(v)),
    },
    { key: 'groups', title: t('orgs.groups'), dataIndex: 'groups', render: (g: string[]) => <GroupTags groups={g} empty={false} /> },
    {
      key: 'listing',
      title: t('fields.listing'),
      dataIndex: 'listing',
      render: (v: string | null) => nowrap(labels.listing(v)),
    },
    {
      key: 'established',
      title: t('fields.established'),
      dataIndex: 'established',
      sorter: true,
      sortOrder: sortOrder('established'),
      render: (v: string | null) => nowrap(v ?? ''),
    },
    {
      key: 'updatedAt',
      title: t('orgs.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (v: string) => <span title={labels.dateTime(v)}>{nowrap(labels.date(v))}</span>,
    },
  ];

  const headed = columns.map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) }));

  return (
    <Table<Organisation>
      data-testid="org-table"
      rowKey="uscc"
      size="middle"
      loading={loading}
      dataSource={items}
      columns={headed}
      scroll={{ x: 960 }}
      onRow={(o) => ({ 'data-testid': `org-row-${o.uscc}` }) as HTMLAttributes<HTMLElement>}
      pagination={{
        current: query.page ?? 1,
        pageSize: query.pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100, 200],
        showTotal: (n) => t('orgs.total', { total: n }),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'paginate') {
          onChange({ page: pagination.current ?? 1, pageSize: pagination.pageSize });
          return;
        }
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Organisation> | undefined;
        const key = String(s?.columnKey ?? '');
        if (s?.order && (SORT_KEYS as readonly string[]).includes(key)) {
          onChange({ sort: key as SortKey, order: s.order === 'descend' ? 'desc' : 'asc' });
        } else onChange({ sort: undefined, order: undefined });
      }}
    />
  );
}
