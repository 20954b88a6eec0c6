/** One upload at a time to an import endpoint, with its progress. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Upload } from '../../api';

export type ImportPhase = 'idle' | 'checking' | 'checked' | 'importing' | 'done' | 'failed';

type Start<R> = (file: File, dryRun: boolean, onProgress: (percent: number) => void) => Upload<R>;

export function useImportUpload<R extends { imported: boolean }>(start: Start<R>) {
  const [phase, setPhase] = useState<ImportPhase>('idle');
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef<Upload<R> | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(async (file: File, dryRun: boolean) => {
    running.current?.abort();
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    setError(null);
    const upload = start(file, dryRun, setProgress);
    running.current = upload;
    try {
      const r = await upload.promise;
      if (running.current !== upload) return;
      setReport(r);
      setPhase(dryRun || !r.imported ? 'checked' : 'done');
    } catch (e) {
      if (running.current !== upload) return;
      setError(e);
      setPhase('failed');
    } finally {
      if (running.current === upload) running.current = null;
    }
  }, [start]);

  const reset = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setPhase('idle');
    setReport(null);
    setError(null);
    setProgress(0);
  }, []);

  return { phase, progress, report, error, run, reset };
}
