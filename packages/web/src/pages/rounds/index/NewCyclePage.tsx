import { shanghaiYear } from '@keping/core';
import { Alert, Button, Card, Descriptions, Form, Space, Steps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { Cycle } from '../../../indexTypes';
import { formatPercent } from './model';
import { BasicsForm, type Basics } from './new/BasicsForm';
import { MethodForm } from './new/MethodForm';
import { SystemEditor } from './new/SystemEditor';
import {
  countRows, DEFAULT_METHODS, DEFAULT_ROOT, methodsFromSpec, newGroup, rowsFromSystem, specOf, validateSystem,
  type Methods, type RootInfo, type SystemRow,
} from './new/specModel';

const STEPS = ['basics', 'system', 'methods', 'review'] as const;

/**
 * A new cycle in four steps: basics, the indicator system, the methods, a last look before creating
 * it. At /top100/:id/edit the same steps edit a cycle that is not yet published.
 */
export function NewCyclePage() {
  const { t } = useTranslation();
  const { id: rawId } = useParams();
  const editId = rawId === undefined ? null : Number(rawId);
  const navigate = useNavigate();
  const [basicsForm] = Form.useForm<Basics>();
  const [methodsForm] = Form.useForm<Methods>();
  const [step, setStep] = useState(0);
  const [cycles, setCycles] = useState<Cycle[]>([]);
  const [root, setRoot] = useState<RootInfo>(DEFAULT_ROOT);
  const [rows, setRows] = useState<SystemRow[]>(() => [newGroup()]);
  const [showProblems, setShowProblems] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const year = Form.useWatch('year', basicsForm) ?? shanghaiYear(new Date());
  const problems = validateSystem(root, rows);
  const copied = useRef(false);

  const copyFrom = (c: Cycle | null) => {
    const system = c ? rowsFromSystem(c.spec.system) : { root: DEFAULT_ROOT, rows: [newGroup(year - 1)] };
    setRoot(system.root);
    setRows(system.rows);
    methodsForm.setFieldsValue(c ? methodsFromSpec(c.spec) : DEFAULT_METHODS);
  };

  useEffect(() => {
    if (editId !== null) {
      api.getCycle(editId)
        .then((c) => {
          basicsForm.setFieldsValue({ copyFrom: 0, name: c.title.zh, nameEn: c.title.en === c.title.zh ? '' : c.title.en, year: c.year, topN: c.topN, seed: c.seed });
          copyFrom(c);
        })
        .catch((e: unknown) => setError([describeError(e, t)]));
      return;
    }
    api.listCycles()
      .then((r) => {
        setCycles(r.items);
        const latest = r.items[0];
        if (latest && !copied.current) {
          copied.current = true;
          basicsForm.setFieldsValue({ copyFrom: latest.id, year: latest.year + 1, topN: latest.topN, seed: `top100-${latest.year + 1}` });
          const system = rowsFromSystem(latest.spec.system);
          setRoot(system.root);
          setRows(system.rows);
          methodsForm.setFieldsValue(methodsFromSpec(latest.spec));
        }
      })
      .catch((e: unknown) => setError([describeError(e, t)]));
  }, [t, basicsForm, methodsForm, editId]);

  const next = async () => {
    if (step === 0) await basicsForm.validateFields();
    if (step === 1 && problems.length > 0) {
      setShowProblems(true);
      return;
    }
    if (step === 2) await methodsForm.validateFields();
    setStep((s) => Math.min(STEPS.length - 1, s + 1));
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const b = basicsForm.getFieldsValue(true) as Basics;
      const m = methodsForm.getFieldsValue(true) as Methods;
      const input = { name: b.name.trim(), nameEn: b.nameEn?.trim() || undefined, year: b.year, topN: b.topN, seed: b.seed.trim(), spec: specOf(root, rows, m) };
      if (editId !== null) {
        await api.updateCycle(editId, input);
        navigate(`/top100/${editId}`);
      } else {
        const cycle = await api.createCycle(input);
        navigate(`/top100/${cycle.id}/pool`);
      }
    } catch (e) {
      setError(e instanceof ApiError && e.errors.length > 1 ? e.errors.map((x) => x.message) : [describeError(e, t)]);
    } finally {
      setBusy(false);
    }
  };

  /** The chosen normalisation's options, as the form shows them. */
  const normalisationDetail = (m: Methods): string => {
    switch (m.normalisation) {
      case 'minmax': return `[${m.rangeLo}, ${m.rangeHi}]`;
      case 'rank': case 'borda': return t(`method.ties.${m.ties}`);
      case 'percentile': return `${t(`method.ties.${m.ties}`)}, 0–${m.percentileScale}`;
      case 'goalposts': return `[${m.goalLo}, ${m.goalHi}] → [0, ${m.goalScale}]${m.goalTruncate ? `, ${t('method.goalTruncate')}` : ''}`;
      case 'target': return `${t('method.target')} ${m.target}${m.targetCap ? `, ${t('method.targetCap')}` : ''}`;
      default: return '';
    }
  };

  const review = () => {
    const b = basicsForm.getFieldsValue(true) as Partial<Basics>;
    const m = { ...DEFAULT_METHODS, ...(methodsForm.getFieldsValue(true) as Partial<Methods>) };
    return (
      <Descriptions bordered size="small" column={1} data-testid="cycle-review" style={{ maxWidth: 900 }}>
        <Descriptions.Item label={t('cycles.name')}>{b.name}</Descriptions.Item>
        <Descriptions.Item label={t('cycles.year')}>{b.year}</Descriptions.Item>
        <Descriptions.Item label={t('cycles.topN')}>{b.topN}</Descriptions.Item>
        <Descriptions.Item label={t('cycles.seed')}>{b.seed}</Descriptions.Item>
        <Descriptions.Item label={t('cycles.step.system')}>{t('spec.counts', countRows(rows))}</Descriptions.Item>
        <Descriptions.Item label={t('method.normalisation')}>
          {t(`method.normalisation.${m.normalisation}`)}{normalisationDetail(m) ? `: ${normalisationDetail(m)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('method.aggregation')}>{t(`method.aggregation.${m.aggregation}`)}</Descriptions.Item>
        <Descriptions.Item label={t('method.imputation')}>{t(`method.imputation.${m.imputation}`)}</Descriptions.Item>
        <Descriptions.Item label={t('method.outliers')}>
          {m.outliers ? `${t('ui.yes')} (${t('method.winmax')} ${m.winmax}; ${t(`method.negativeLog.${m.negativeLog}`)})` : t('ui.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('method.minCoverage')}>{formatPercent(m.minCoveragePercent / 100, 0)}</Descriptions.Item>
        <Descriptions.Item label={t('method.replicates')}>
          {t('method.replicatesSummary', { replicates: m.replicates, perturbation: m.weightPerturbationPercent })}
        </Descriptions.Item>
        <Descriptions.Item label={t('method.alternatives')}>
          {[...m.altNormalisations.map((x) => t(`method.normalisation.${x}`)), ...m.altAggregations.map((x) => t(`method.aggregation.${x}`))]
            .join(' / ') || t('ui.none')}
        </Descriptions.Item>
      </Descriptions>
    );
  };

  return (
    <Card title={<span data-testid="page-title">{t(editId !== null ? 'cycles.edit' : 'cycles.new')}</span>}>
      <Steps current={step} style={{ marginBottom: 24 }} items={STEPS.map((s) => ({ title: t(`cycles.step.${s}`) }))} />
      <div style={{ display: step === 0 ? 'block' : 'none' }}>
        <BasicsForm form={basicsForm} cycles={cycles} onCopyFrom={copyFrom} editing={editId !== null} />
      </div>
      {step === 1 && (
        <SystemEditor root={root} rows={rows} year={year - 1} problems={showProblems ? problems : []} onRoot={setRoot} onRows={setRows} />
      )}
      <div style={{ display: step === 2 ? 'block' : 'none' }}>
        <MethodForm form={methodsForm} />
      </div>
      {step === 3 && review()}
      {error && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} data-testid="cycle-create-error"
          message={error.length === 1 ? error[0] : <ul style={{ margin: 0, paddingInlineStart: 18 }}>{error.map((x, i) => <li key={i}>{x}</li>)}</ul>} />
      )}
      <Space style={{ marginTop: 24 }}>
        <Button onClick={() => (step === 0 ? navigate(editId !== null ? `/top100/${editId}` : '/top100') : setStep(step - 1))} data-testid="step-prev">
          {step === 0 ? t('ui.cancel') : t('cycles.previous')}
        </Button>
        {step < STEPS.length - 1 ? (
          <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="step-next">{t('cycles.next')}</Button>
        ) : (
          <Button type="primary" loading={busy} onClick={() => void create()} data-testid="cycle-create">{t(editId !== null ? 'cycles.save' : 'cycles.create')}</Button>
        )}
      </Space>
    </Card>
  );
}
