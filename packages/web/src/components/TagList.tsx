import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEADING_INDUSTRIES } from '@keping/core';
import { useLabels } from '../labels';

/** Industry groups as tags: leading industries in red-orange, key industries in blue. */
export function GroupTags({ groups, empty = true }: { groups: readonly string[]; empty?: boolean }) {
  const labels = useLabels();
  const { t } = useTranslation();
  if (groups.length === 0) return empty ? <Typography.Text type="secondary">{t('ui.none')}</Typography.Text> : null;
  return (
    <>
      {groups.map((g) => (
        <Tag key={g} color={(LEADING_INDUSTRIES as readonly string[]).includes(g) ? 'volcano' : 'geekblue'}>
          {labels.group(g)}
        </Tag>
      ))}
    </>
  );
}

export function TalentTags({ fields }: { fields: readonly string[] }) {
  const labels = useLabels();
  const { t } = useTranslation();
  if (fields.length === 0) return <Typography.Text type="secondary">{t('ui.none')}</Typography.Text>;
  return (
    <>
      {fields.map((f) => (
        <Tag key={f} color="green">
          {labels.talent(f)}
        </Tag>
      ))}
    </>
  );
}
