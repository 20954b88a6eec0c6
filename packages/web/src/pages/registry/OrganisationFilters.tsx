import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationQuery } from '../../types';
import { DesignationFilter } from '../designations/DesignationFilter';
import { useTaxonomyOptions } from './options';
import type { FilterKey } from './useOrganisationQuery';

interface Props {
  query: OrganisationQuery;
  onChange: (patch: Partial<OrganisationQuery>) => void;
}

/** Search box on name/USCC and the taxonomy filters of the organisations list. */
export function OrganisationFilters({ query, onChange }: Props) {
  const { t } = useTranslation();
  const options = useTaxonomyOptions();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const select = (key: Exclude<FilterKey, 'q' | 'designation' | 'designationOn'>, placeholder: string, opts: Parameters<typeof Select>[0]['options']) => (
    <Select
      data-testid={`filter-${key}`}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      style={{ width: 140 }}
      popupMatchSelectWidth={false}
      value={query[key] ?? null}
      options={opts}
      onChange={(v: string | null | undefined) => onChange({ [key]: v ?? undefined })}
    />
  );

  const anyFilter = Object.entries(query).some(([k, v]) => v && !['page', 'pageSize', 'sort', 'order'].includes(k));

  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
      <Input.Search
        data-testid="org-search"
        allowClear
        enterButton
        style={{ width: 250 }}
        placeholder={t('orgs.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
      />
      {select('district', t('fields.district'), options.districts)}
      {select('kind', t('fields.kind'), options.kinds)}
      {select('listing', t('fields.listing'), options.listings)}
      {select('group', t('fields.groupsOverride'), options.groupFilter)}
      {select('talentField', t('fields.talentFieldsOverride'), options.talentFields)}
      <DesignationFilter designation={query.designation} on={query.designationOn} onChange={onChange} />
      {anyFilter && (
        <Button
          data-testid="filter-reset"
          onClick={() =>
            onChange({ q: undefined, district: undefined, kind: undefined, listing: undefined, group: undefined,
              talentField: undefined, designation: undefined, designationOn: undefined })
          }
        >
          {t('orgs.filter.reset')}
        </Button>
      )}
    </Space>
  );
}
