import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { Program } from '../../programTypes';

/**
 * What a program's office page shows: the program and the part `load` fetches (a round's list, the
 * publication), both fetched together again on reload(). `data` is undefined until the first answer;
 * `key` names what `load` depends on besides the program (e.g. the round).
 */
export function useProgramData<T>(programId: number, key: string | number, load: () => Promise<T>) {
  const { t } = useTranslation();
  const [program, setProgram] = useState<Program | null>(null);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    let live = true;
    Promise.all([api.getProgram(programId), loader.current()])
      .then(([p, d]) => {
        if (!live) return;
        setProgram(p);
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [programId, key, version, t]);

  /** `version` counts the reloads, for children that should start afresh with each. */
  return { program, data, error, reload, version };
}
