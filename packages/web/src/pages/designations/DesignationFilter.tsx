import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesignationLabels } from './useDesignationLabels';

interface Props {
  /** `title` or `title:tier`. */
  designation: string | undefined;
  /** YYYY-MM-DD; empty means today. */
  on: string | undefined;
  onChange: (patch: { designation?: string | undefined; designationOn?: string | undefined }) => void;
}

/** "Holds designation … on day …": a title (any tier or one tier) and, optionally, the day (today by default). */
export function DesignationFilter({ designation, on, onChange }: Props) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  return (
    <Space.Compact>
      <Select
        data-testid="filter-designation"
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('orgs.filter.designation')}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        value={designation ?? null}
        options={l.filterOptions()}
        onChange={(v: string | null | undefined) => onChange({ designation: v ?? undefined, ...(v ? {} : { designationOn: undefined }) })}
      />
      {designation && (
        <Input
          type="date"
          data-testid="filter-designation-on"
          aria-label={t('orgs.filter.designationOn')}
          title={t('orgs.filter.designationOn')}
          style={{ width: 150 }}
          value={on ?? ''}
          onChange={(e) => onChange({ designationOn: e.target.value || undefined })}
        />
      )}
    </Space.Compact>
  );
}
