import type { PoolSource } from '@keping/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export const SOURCE_COLOR: Record<PoolSource, string> = {
  tech_center: 'blue',
  listed: 'gold',
  emerging_top100: 'purple',
  private_top100: 'cyan',
  major_project: 'green',
};

/** The lists a candidate came from, as tags (短名 with the full name in the tooltip). */
export function SourceTags({ sources }: { sources: readonly PoolSource[] }) {
  const { t } = useTranslation();
  return (
    <>
      {sources.map((s) => (
        <Tag key={s} color={SOURCE_COLOR[s]} title={t(`source.${s}`)} style={{ marginInlineEnd: 4 }}>
          {t(`pool.sourceShort.${s}`)}
        </Tag>
      ))}
    </>
  );
}
