import { DESIGNATION_IMPORT_COLUMNS, type DesignationImportColumn } from '@keping/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ImportFlow } from '../registry/ImportFlow';
import { PreviewTable } from '../registry/ImportPreview';
import { designationImportApi } from './designationApi';

/** The server names a problem's field as the API does; the preview marks the file's column. */
const COLUMN_OF: Record<string, DesignationImportColumn> = { designation: 'title', grantedOn: 'granted_on' };
const columnOf = (field: string) => COLUMN_OF[field] ?? field;

/** 认定导入: designations granted elsewhere, one row per grant with its source — dry run with a marked preview, then confirm. */
export function DesignationImportPage() {
  const { t } = useTranslation();
  const columnLabel = (c: DesignationImportColumn) => t(`designationImport.column.${c}`);
  return (
    <ImportFlow title={t('designationImport.title')} intro={t('designationImport.intro')}
      extra={<Link to="/organisations">{t('designationImport.toRegistry')}</Link>}
      upload={designationImportApi.upload} downloadTemplate={designationImportApi.downloadTemplate}
      ready={t('designationImport.ready')} confirm={(n) => t('designationImport.confirm', { n })}
      preview={(report) => <PreviewTable report={report} headers={DESIGNATION_IMPORT_COLUMNS} headerLabel={columnLabel} columnOf={columnOf} />}
      list={{ to: '/organisations', label: t('designationImport.toRegistry') }} />
  );
}
