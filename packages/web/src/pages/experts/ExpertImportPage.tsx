import { EXPERT_COLUMN_KEYS, type ExpertColumn } from '@keping/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { ImportFlow } from '../registry/ImportFlow';
import { PreviewTable } from '../registry/ImportPreview';

const sameColumn = (field: string) => field;

/** 批量导入专家: the organisation import's flow for experts — dry run with a marked preview, then confirm when clean. */
export function ExpertImportPage() {
  const { t } = useTranslation();
  const columnLabel = (c: ExpertColumn) => t(`expertImport.column.${c}`);
  return (
    <ImportFlow title={t('expertImport.title')} intro={t('expertImport.intro')} extra={<Link to="/experts">{t('experts.backToList')}</Link>}
      upload={api.importExperts} downloadTemplate={api.downloadExpertTemplate}
      ready={t('expertImport.ready')} confirm={(n) => t('expertImport.confirm', { n })}
      preview={(report) => <PreviewTable report={report} headers={EXPERT_COLUMN_KEYS} headerLabel={columnLabel} columnOf={sameColumn} />}
      list={{ to: '/experts', label: t('experts.backToList') }} />
  );
}
