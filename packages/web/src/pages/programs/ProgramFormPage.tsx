import { type ProgramInput, type ProgramType, shanghaiYear } from '@keping/core';
import { Alert, Button, Card, Form, Space, Spin, Steps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import type { Program } from '../../programTypes';
import type { ServerFieldError } from '../../types';
import { emptyProgram, formValuesOf, inputOf, namePath, presetValues, STEPS, stepOf, type Step } from './model';
import { AttachmentsStep } from './steps/AttachmentsStep';
import { BasicsStep, CallStep } from './steps/BasicsStep';
import { CategoriesStep } from './steps/CategoriesStep';
import { FieldsStep } from './steps/FieldsStep';
import { ReviewStep } from './steps/ReviewStep';
import { OutcomesStep, RoundsStep } from './steps/RoundsStep';

/** The form fields each step validates before moving on. */
const STEP_FIELDS: Record<Step, (string | number)[][]> = {
  basics: [['type'], ['cycleYear'], ['status'], ['ownerOffice'], ['title']],
  call: [['call', 'opensAt'], ['call', 'closesAt'], ['call', 'allowedKinds'], ['call', 'ruleSetId']],
  fields: [['call', 'fields']],
  attachments: [['call', 'attachments']],
  rounds: [['rounds']],
  categories: [['categories']],
  outcomes: [['outcomes']],
  review: [],
};

/** Create or edit a program in steps: basics → call → fields → attachments → rounds → categories → outcomes → review. */
export function ProgramFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProgramInput>();
  const [step, setStep] = useState(0);
  const [program, setProgram] = useState<Program | null>(null);
  const [loading, setLoading] = useState(editing);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [presetType, setPresetType] = useState<ProgramType | null>(null);
  const current = STEPS[step] ?? 'basics';

  useEffect(() => {
    if (!editing) return;
    let live = true;
    api.getProgram(Number(id))
      .then((p) => {
        if (!live) return;
        setProgram(p);
        form.setFieldsValue(formValuesOf(p) as Parameters<typeof form.setFieldsValue>[0]);
      })
      .catch((e: unknown) => live && setErrors([describeError(e, t)]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [editing, id, form, t]);

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[current], { recursive: true });
      setStep((s) => Math.min(STEPS.length - 1, s + 1));
    } catch {
      // the fields show what is wrong
    }
  };

  const showServerErrors = (list: ServerFieldError[]) => {
    form.setFields(list.filter((e) => e.field).map((e) => ({ name: namePath(e.field ?? ''), errors: [e.message] })));
    setErrors(list.map((e) => e.message));
    const first = list.find((e) => e.field);
    if (first) setStep(STEPS.indexOf(stepOf(first.field)));
  };

  const save = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const input = inputOf(form.getFieldsValue(true) as ProgramInput, program);
      const saved = editing ? await api.updateProgram(Number(id), input) : await api.createProgram(input);
      navigate(`/programs/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) showServerErrors(e.errors);
      else if (e instanceof ApiError && e.field) showServerErrors([{ code: e.code, field: e.field, message: e.message }]);
      else setErrors([describeError(e, t)]);
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const section = (s: Step, node: ReactNode) => <div style={{ display: current === s ? 'block' : 'none' }}>{node}</div>;

  return (
    <Card title={<span data-testid="page-title">{editing ? t('programForm.editTitle') : t('programForm.newTitle')}</span>}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        onChange={(s) => (s < step ? setStep(s) : undefined)}
        items={STEPS.map((s) => ({ title: <span data-testid={`step-${s}`}>{t(`programForm.step.${s}`)}</span> }))}
      />
      <Form<ProgramInput> form={form} layout="vertical" requiredMark={false} initialValues={emptyProgram(shanghaiYear(new Date()))}
        style={{ maxWidth: 1000 }} onValuesChange={(changed: Partial<ProgramInput>) => {
          // A new program starts from its type's preset; an existing one keeps its rounds.
          if (editing || !changed.type) return;
          form.setFieldsValue(presetValues(changed.type) as Parameters<typeof form.setFieldsValue>[0]);
          setPresetType(changed.type);
        }}>
        {presetType && !editing && current === 'basics' && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="program-preset"
            message={t('programForm.presetApplied', { type: t(`programs.type.${presetType}`) })} />
        )}
        {section('basics', <BasicsStep />)}
        {section('call', <CallStep />)}
        {section('fields', <FieldsStep />)}
        {section('attachments', <AttachmentsStep />)}
        {section('rounds', <RoundsStep />)}
        {section('categories', <CategoriesStep />)}
        {section('outcomes', <OutcomesStep />)}
      </Form>
      {current === 'review' && <ReviewStep values={form.getFieldsValue(true) as ProgramInput} />}
      {errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} data-testid="program-save-error"
          message={errors.length === 1 ? errors[0] : <ul style={{ margin: 0, paddingInlineStart: 18 }}>{errors.map((x, i) => <li key={i}>{x}</li>)}</ul>} />
      )}
      <Space style={{ marginTop: 24 }}>
        <Button data-testid="step-prev" onClick={() => (step === 0 ? navigate(editing ? `/programs/${id}` : '/programs') : setStep(step - 1))}>
          {step === 0 ? t('ui.cancel') : t('cycles.previous')}
        </Button>
        {current !== 'review' ? (
          <Button type="primary" onClick={() => void next()} data-testid="step-next">{t('cycles.next')}</Button>
        ) : (
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="program-save">
            {editing ? t('programForm.saveChanges') : t('programForm.create')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
