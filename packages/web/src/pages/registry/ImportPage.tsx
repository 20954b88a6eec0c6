import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ImportFlow } from './ImportFlow';
import { ImportPreview } from './ImportPreview';

/** Import organisations from a CSV/XLSX file: dry run with a marked preview, then confirm when it is clean. */
export function ImportPage() {
  const { t } = useTranslation();
  return (
    <ImportFlow title={t('import.title')} intro={t('import.intro')} upload={api.importOrganisations} downloadTemplate={api.downloadTemplate}
      ready={t('import.readyToImport')} confirm={(n) => t('import.confirm', { n })}
      preview={(report) => <ImportPreview report={report} />} list={{ to: '/organisations', label: t('import.toList') }} />
  );
}
