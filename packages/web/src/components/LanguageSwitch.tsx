import { isLocale } from '@keping/core';
import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { useSession } from '../session';
import { describeError } from './describeError';

/** 中文 / English, switched in place; saved to the account when logged in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { changeLocale } = useSession();
  const { message } = App.useApp();
  return (
    <Segmented
      data-testid="lang-switch"
      size="small"
      value={currentLocale()}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN">{t('ui.language.zh-CN')}</span> },
        { value: 'en', label: <span data-testid="lang-en">{t('ui.language.en')}</span> },
      ]}
      onChange={(value) => {
        if (isLocale(value)) changeLocale(value).catch((e: unknown) => message.error(describeError(e, t)));
      }}
    />
  );
}
