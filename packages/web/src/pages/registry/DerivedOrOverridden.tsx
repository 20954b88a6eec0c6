import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GroupTags, TalentTags } from '../../components/TagList';

interface Props {
  kind: 'groups' | 'talent';
  derived: readonly string[];
  override: readonly string[] | null;
}

/**
 * The effective value, and where it comes from: derived from the industry class, or set by hand
 * (then the derived value is shown beside it, so a reviewer sees what the override replaced).
 */
export function DerivedOrOverridden({ kind, derived, override }: Props) {
  const { t } = useTranslation();
  const show = (values: readonly string[]) =>
    kind === 'groups' ? <GroupTags groups={values} /> : <TalentTags fields={values} />;
  if (override === null) {
    return (
      <Space wrap data-testid={`${kind}-derived`}>
        {show(derived)}
        <Tag>{t('org.derived')}</Tag>
      </Space>
    );
  }
  return (
    <Space direction="vertical" size={4} data-testid={`${kind}-overridden`}>
      <Space wrap>
        {show(override)}
        <Tag color="orange">{t('org.overridden')}</Tag>
      </Space>
      <Typography.Text type="secondary">
        {t('org.derivedWas')} {derived.length ? null : t('ui.none')}
      </Typography.Text>
      {derived.length > 0 && <Space wrap>{show(derived)}</Space>}
    </Space>
  );
}
