/**
 * Starts the computation of a cycle and polls its job every 500 ms until it is done or failed. The
 * job id is kept in sessionStorage, so a reload of the page picks the progress bar up again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../../api';
import type { Job } from '../../../../indexTypes';

const POLL_MS = 500;
const storageKey = (cycleId: number) => `keping.computeJob.${cycleId}`;

function rememberedJob(cycleId: number): number | null {
  try {
    const v = Number(window.sessionStorage.getItem(storageKey(cycleId)));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

function remember(cycleId: number, jobId: number | null): void {
  try {
    if (jobId === null) window.sessionStorage.removeItem(storageKey(cycleId));
    else window.sessionStorage.setItem(storageKey(cycleId), String(jobId));
  } catch {
    // private mode: the bar is lost on reload, the job still runs
  }
}

export function useComputeJob(cycleId: number, onFinished: (job: Job) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);

  const poll = useCallback((jobId: number) => {
    window.clearTimeout(timer.current);
    api.getJob(jobId)
      .then((j) => {
        setJob(j);
        if (j.status === 'done' || j.status === 'failed') {
          remember(cycleId, null);
          finished.current(j);
        } else timer.current = window.setTimeout(() => poll(jobId), POLL_MS);
      })
      .catch((e: unknown) => {
        remember(cycleId, null);
        setError(e);
      });
  }, [cycleId]);

  useEffect(() => {
    const jobId = rememberedJob(cycleId);
    if (jobId) poll(jobId);
    return () => window.clearTimeout(timer.current);
  }, [cycleId, poll]);

  const start = useCallback(async () => {
    setError(null);
    try {
      const j = await api.compute(cycleId);
      setJob(j);
      remember(cycleId, j.id);
      timer.current = window.setTimeout(() => poll(j.id), POLL_MS);
    } catch (e) {
      setError(e);
    }
  }, [cycleId, poll]);

  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  return { job, running, error, start };
}
