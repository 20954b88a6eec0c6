import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './describeError';

/** Loads one public resource, again whenever `key` changes; the error is the server's translated message. */
export function usePublic<T>(key: string, load: (key: string) => Promise<T>) {
  const { t } = useTranslation();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loader = useRef(load);
  useEffect(() => {
    let current = true;
    setData(null);
    setError(null);
    loader.current(key)
      .then((d) => current && setData(d))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [key, t]);
  return { data, error };
}
