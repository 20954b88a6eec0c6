import { App, Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED, acceptedFile } from '../../registry/importModel';

interface Props {
  label: string;
  testId: string;
  onPick: (file: File) => void;
  disabled?: boolean;
  loading?: boolean;
}

/** A button that opens the file chooser for one .csv or .xlsx file. */
export function FilePicker({ label, testId, onPick, disabled, loading }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button type="primary" disabled={disabled} loading={loading} onClick={() => input.current?.click()} data-testid={testId}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED.join(',')}
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (input.current) input.current.value = ''; // the same file can be picked again
          if (!file) return;
          if (acceptedFile(file)) onPick(file);
          else message.error(t('errors.FILE_TYPE'));
        }}
      />
    </>
  );
}
