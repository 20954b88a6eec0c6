import type { ProgramInput } from '@keping/core';
import { Descriptions, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../labels';
import { fromLocalInput, useBilingual } from '../model';

/** A last look at the whole program before it is saved. */
export function ReviewStep({ values }: { values: ProgramInput }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useBilingual();
  const { call } = values;
  const none = t('ui.none');
  return (
    <Descriptions bordered size="small" column={1} data-testid="program-review" style={{ maxWidth: 960 }}>
      <Descriptions.Item label={t('fields.title')}>{local(values.title)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.type')}>{t(`programs.type.${values.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.cycleYear')}>{values.cycleYear}</Descriptions.Item>
      <Descriptions.Item label={t('fields.ownerOffice')}>{values.ownerOffice}</Descriptions.Item>
      <Descriptions.Item label={t('fields.status')}>{t(`programs.status.${values.status}`)}</Descriptions.Item>
      <Descriptions.Item label={t('programs.window')}>
        {t('programs.windowText', { opens: fromLocalInput(call.opensAt ?? ''), closes: fromLocalInput(call.closesAt ?? '') })}
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.allowedKinds')}>
        {(call.allowedKinds ?? []).length ? (call.allowedKinds ?? []).map((k) => <Tag key={k}>{labels.kind(k)}</Tag>) : t('programs.anyKind')}
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.ruleSet')}>{call.ruleSetId || t('programForm.noRuleSet')}</Descriptions.Item>
      <Descriptions.Item label={t('programForm.step.fields')}>
        {(call.fields ?? []).length === 0 ? none : (call.fields ?? []).map((f) => (
          <Tag key={f.key}>{local(f.label)} · {t(`programs.fieldType.${f.type}`)}{f.required ? ' *' : ''}</Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.step.attachments')}>
        {(call.attachments ?? []).length === 0 ? none : (call.attachments ?? []).map((a) => (
          <Tag key={a.key}>{local(a.label)} ≤ {a.maxSizeMb} MB{a.required ? ' *' : ''}</Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.step.rounds')}>
        <List size="small" dataSource={values.rounds ?? []} locale={{ emptyText: none }}
          renderItem={(r, i) => <List.Item>{i + 1}. {local(r.name)} ({t(`programs.roundKind.${r.kind}`)})</List.Item>} />
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.step.categories')}>
        {(values.categories ?? []).length === 0 ? none : (values.categories ?? []).map((c) => (
          <div key={c.key}>
            {local(c.name)}{' '}
            {Object.entries(c.quotas ?? {}).filter(([, q]) => typeof q === 'number').map(([k, q]) => <Tag key={k}>{k}: {q}</Tag>)}
          </div>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('programForm.step.outcomes')}>
        {(values.outcomes ?? []).length === 0 ? none : (values.outcomes ?? []).map((o) => (
          <Tag key={o.key}>{local(o.name)}{typeof o.quota === 'number' ? ` × ${o.quota}` : ''}</Tag>
        ))}
      </Descriptions.Item>
    </Descriptions>
  );
}
