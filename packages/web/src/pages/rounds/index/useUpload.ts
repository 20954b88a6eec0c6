/** One upload at a time with its progress; aborted when the page goes away. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Upload } from '../../../api';

export function useUpload<T>() {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const running = useRef<Upload<T> | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  /** Starts an upload (the previous one is aborted); resolves with the server's report. */
  const run = useCallback(async (start: (onProgress: (percent: number) => void) => Upload<T>): Promise<T> => {
    running.current?.abort();
    setBusy(true);
    setProgress(0);
    const upload = start(setProgress);
    running.current = upload;
    try {
      return await upload.promise;
    } finally {
      if (running.current === upload) {
        running.current = null;
        setBusy(false);
      }
    }
  }, []);

  return { busy, progress, run };
}
