import { Alert, App, Button, Card, Descriptions, Form, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../api';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import type { Application, ApplicationDraft, Program } from '../../../programTypes';
import type { ServerFieldError } from '../../../types';
import { namePath, useBilingual } from '../model';
import { ApplicationStatusTag } from '../ProgramTags';
import { AttachmentsPanel } from './AttachmentsPanel';
import { DraftFields } from './DraftFields';
import { EligibilityPanel } from './EligibilityPanel';

type DraftValues = ApplicationDraft;

const draftOf = (a: Application): DraftValues => ({ title: a.title, category: a.category, values: a.values });

/** An application: the draft form from the call's fields, its attachments, the eligibility preview, submit and withdraw. */
export function ApplicationPage() {
  const { id, callId } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useBilingual();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DraftValues>();
  const [call, setCall] = useState<Program | null>(null);
  const [application, setApplication] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ServerFieldError[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | 'withdraw' | null>(null);
  // Requests overlap (the page's load after a new draft's address, an upload's refresh, a save): only
  // the answer to the latest one is shown, so a slow earlier read cannot hide a file just uploaded.
  const latest = useRef(0);
  const showLatest = useCallback(() => {
    const mine = ++latest.current;
    return (app: Application | null) => {
      if (mine === latest.current) setApplication(app);
    };
  }, []);

  useEffect(() => {
    let live = true;
    const show = showLatest();
    (async () => {
      const app = id ? await api.getApplication(Number(id)) : null;
      const program = await api.getCall(app ? app.programId : Number(callId));
      if (!live) return;
      show(app);
      setCall(program);
      form.setFieldsValue(app ? draftOf(app) : { title: '', category: null, values: {} });
    })().catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [id, callId, form, t, showLatest]);

  /** Fetches the application again (a new file, a new status) without touching what is being typed. */
  const applicationId = application?.id;
  const refresh = useCallback(() => {
    if (applicationId === undefined) return;
    api.getApplication(applicationId).then(showLatest()).catch((e: unknown) => message.error(describeError(e, t)));
  }, [applicationId, message, t, showLatest]);

  const showProblems = (e: unknown) => {
    const list = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [{ code: e.code, field: e.field, message: e.message }] : []) : [];
    setProblems(list);
    form.setFields(list.filter((p) => p.field && !p.field.startsWith('attachments.'))
      .map((p) => ({ name: namePath(p.field ?? '') as never, errors: [p.message] })));
    if (list.length === 0) message.error(describeError(e, t));
  };

  const draft = (): DraftValues => {
    const v = form.getFieldsValue(true) as DraftValues;
    const values = Object.fromEntries(Object.entries(v.values ?? {}).map(([k, x]) => [k, x === undefined || x === '' ? null : x]));
    return { title: v.title ?? '', category: v.category ?? null, values };
  };

  /** Saves the form; a new draft gets its address. */
  const save = async (): Promise<Application | null> => {
    setProblems([]);
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name as never, errors: [] })));
    try {
      const show = showLatest();
      const saved = application ? await api.updateApplication(application.id, draft()) : await api.createApplication(Number(callId), draft());
      show(saved);
      if (!application) navigate(`/applications/${saved.id}`, { replace: true });
      return saved;
    } catch (e) {
      showProblems(e);
      return null;
    }
  };

  const onSave = () => {
    setBusy('save');
    save().then((a) => a && message.success(t('portal.saved'))).finally(() => setBusy(null));
  };

  const onSubmit = () => modal.confirm({
    title: t('portal.submitConfirm'),
    content: t('portal.submitConfirmText'),
    okText: t('portal.submit'),
    cancelText: t('ui.cancel'),
    okButtonProps: { 'data-testid': 'submit-ok' },
    onOk: async () => {
      setBusy('submit');
      try {
        const saved = await save();
        if (!saved) return;
        const show = showLatest();
        show(await api.submitApplication(saved.id));
        message.success(t('portal.submitted'));
      } catch (e) {
        showProblems(e);
      } finally {
        setBusy(null);
      }
    },
  });

  const onWithdraw = () => modal.confirm({
    title: t('portal.withdrawConfirm'),
    okText: t('portal.withdraw'),
    okButtonProps: { danger: true, 'data-testid': 'withdraw-ok' },
    cancelText: t('ui.cancel'),
    onOk: async () => {
      if (!application) return;
      setBusy('withdraw');
      try {
        const show = showLatest();
        show(await api.withdrawApplication(application.id));
        message.success(t('portal.withdrawn'));
      } catch (e) {
        message.error(describeError(e, t));
      } finally {
        setBusy(null);
      }
    },
  });

  if (error) return <Alert type="error" showIcon message={error} data-testid="application-error" />;
  if (!call) return <Spin style={{ display: 'block', margin: 48 }} />;
  const status = application?.status ?? 'draft';
  const editable = status === 'draft' && call.call.isOpen;
  const attachmentErrors = Object.fromEntries(problems.filter((p) => p.field?.startsWith('attachments.'))
    .map((p) => [p.field?.slice('attachments.'.length) ?? '', p.message]));
  const screening = application?.screening ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space wrap><span data-testid="page-title">{local(call.title)}</span><ApplicationStatusTag status={status} testId="application-status" /></Space>}
        extra={<Link to="/applications">{t('portal.backToList')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('fields.ownerOffice')}>{call.ownerOffice}</Descriptions.Item>
          <Descriptions.Item label={t('programs.window')}>
            <Space wrap>
              {t('programs.windowText', { opens: call.call.opensAtShanghai, closes: call.call.closesAtShanghai })}
              <Tag color={call.call.isOpen ? 'green' : 'default'}>{call.call.isOpen ? t('programs.open') : t('programs.notOpen')}</Tag>
            </Space>
          </Descriptions.Item>
          {application?.submittedAt && <Descriptions.Item label={t('applications.submittedAt')}>{labels.dateTime(application.submittedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {screening.length > 0 && (
        <Card size="small" title={t('portal.screeningOutcome')} data-testid="screening-outcome">
          {screening.map((s) => (
            <Space key={s.roundId} direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{local(s.roundName)}</Typography.Text>
                <Tag color={s.decision.outcome === 'advance' ? 'green' : 'red'} data-testid="screening-outcome-text">{s.decision.outcomeText}</Tag>
              </Space>
              <Typography.Text data-testid="screening-outcome-reason">{t('portal.reason', { reason: s.decision.reasonText })}</Typography.Text>
              {s.decision.note && <Typography.Text type="secondary" data-testid="screening-outcome-note">{s.decision.note}</Typography.Text>}
            </Space>
          ))}
        </Card>
      )}
      <Card size="small" title={t('portal.form')}>
        <Form<DraftValues> form={form} layout="vertical" disabled={!editable} style={{ maxWidth: 800 }}>
          <DraftFields fields={call.call.fields} categories={call.categories} />
        </Form>
        {problems.length > 0 && (
          <Alert type="error" showIcon data-testid="application-problems" style={{ marginTop: 8 }}
            message={t('portal.problems', { n: problems.length })}
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>} />
        )}
      </Card>
      <AttachmentsPanel application={application} specs={call.call.attachments} editable={editable} errors={attachmentErrors} onUploaded={refresh} />
      {status === 'draft' && <EligibilityPanel applicationId={application?.id ?? null} version={application?.updatedAt ?? ''} />}
      <Space wrap>
        {editable && <Button loading={busy === 'save'} onClick={onSave} data-testid="draft-save">{t('portal.saveDraft')}</Button>}
        {editable && <Button type="primary" loading={busy === 'submit'} onClick={onSubmit} data-testid="draft-submit">{t('portal.submit')}</Button>}
        {application && status !== 'withdrawn' && call.call.isOpen && (
          <Button danger loading={busy === 'withdraw'} onClick={onWithdraw} data-testid="application-withdraw">{t('portal.withdraw')}</Button>
        )}
      </Space>
    </Space>
  );
}
