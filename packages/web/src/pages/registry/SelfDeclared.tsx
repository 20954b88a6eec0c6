import type { SelfDeclarableField, SelfDeclaredMark } from '@keping/core';
import { Alert, App, Button, Popconfirm, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { factsApi } from '../rounds/screening/factsApi';

/** The organisation's fact fields its applicant changed and the office has not confirmed; reload() after an edit. */
export function useSelfDeclared(uscc: string) {
  const [marks, setMarks] = useState<SelfDeclaredMark[]>([]);
  const reload = useCallback(() => {
    factsApi.selfDeclared(uscc).then((r) => setMarks(r.marks)).catch(() => setMarks([]));
  }, [uscc]);
  useEffect(reload, [reload]);
  return { marks, setMarks, marked: (field: SelfDeclarableField) => marks.find((m) => m.field === field) };
}

/** The small tag beside a self-declared field. */
export function SelfDeclaredTag({ mark }: { mark: SelfDeclaredMark | undefined }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (!mark) return null;
  return (
    <Tag color="orange" style={{ marginInlineStart: 8 }} title={t('facts.selfDeclaredAt', { at: labels.dateTime(mark.at) })}
      data-testid={`org-self-declared-${mark.field}`}>
      {t('facts.selfDeclared')}
    </Tag>
  );
}

/** The office's notice of self-declared fields, with one confirmation for all of them. */
export function SelfDeclaredNotice({ uscc, marks, canConfirm, onConfirmed }: {
  uscc: string; marks: SelfDeclaredMark[]; canConfirm: boolean; onConfirmed: (marks: SelfDeclaredMark[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (marks.length === 0) return null;
  const fields = marks.map((m) => m.fieldText).join('、');
  const confirm = () => {
    setBusy(true);
    factsApi.confirm(uscc, marks.map((m) => m.field))
      .then((r) => {
        message.success(t('facts.confirmed', { n: r.confirmed.length }));
        onConfirmed(r.marks);
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <Alert type="warning" showIcon data-testid="org-self-declared" style={{ marginBottom: 12 }}
      message={t(canConfirm ? 'facts.selfDeclaredOffice' : 'facts.selfDeclaredApplicant', { fields })}
      action={canConfirm && (
        <Popconfirm title={t('facts.confirmTitle')} description={t('facts.confirmText', { fields })} onConfirm={confirm}
          okText={t('facts.confirm')} cancelText={t('ui.cancel')}
          okButtonProps={{ 'data-testid': 'org-confirm-facts-ok' }}>
          <Button size="small" loading={busy} data-testid="org-confirm-facts">{t('facts.confirm')}</Button>
        </Popconfirm>
      )} />
  );
}
