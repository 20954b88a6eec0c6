/** Who is logged in, and the actions that change it (log in, log out, change language). */
import type { Locale, Role } from '@keping/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api';
import { applyLocale } from './i18n';
import type { Session, User } from './types';

interface SessionContextValue {
  user: User | null;
  /** True until GET /api/auth/me has answered (it is asked only once `probe` is called). */
  loading: boolean;
  /** Asks the server who is logged in, once; the public pages never call it. */
  probe: () => void;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
  /** Changes the password; the session stays, the user's other sessions end. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const start = useCallback(async (session: Session) => {
    setCsrfToken(session.csrfToken);
    if (session.user.locale) await applyLocale(session.user.locale);
    setUser(session.user);
  }, []);

  const clear = useCallback(() => {
    setCsrfToken('');
    setUser(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(clear);
    return () => setUnauthenticatedHandler(undefined);
  }, [clear]);

  const probed = useRef(false);
  const probe = useCallback(() => {
    if (probed.current) return;
    probed.current = true;
    api
      .me()
      .then(start)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
        clear();
      })
      .finally(() => setLoading(false));
  }, [start, clear]);

  const login = useCallback(async (username: string, password: string) => {
    await start(await api.login(username, password));
  }, [start]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      clear();
    }
  }, [clear]);

  const changeLocale = useCallback(async (locale: Locale) => {
    // The account's language is saved before the page switches: the server answers a logged-in user in
    // the saved language, so pages that fetch again on the switch get their server texts in the new one.
    let saved: User | undefined;
    try {
      if (user) saved = (await api.setLocale(locale)).user;
    } finally {
      await applyLocale(locale);
    }
    if (saved) setUser(saved);
  }, [user]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    setUser((await api.changePassword(currentPassword, newPassword)).user);
  }, []);

  const value = useMemo(
    () => ({ user, loading, probe, login, logout, changeLocale, changePassword }),
    [user, loading, probe, login, logout, changeLocale, changePassword],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Roles that may open each part of the app (mirrors the server's route table). */
export const ACCESS = {
  /** Not experts or chairs: in a blind round the registry would tell them who applied. */
  organisations: ['admin', 'staff', 'auditor'],
  editOrganisations: ['admin', 'staff'],
  history: ['admin', 'staff', 'auditor', 'applicant'],
  import: ['admin', 'staff'],
  export: ['admin', 'staff', 'auditor'],
  users: ['admin'],
  audit: ['admin', 'auditor'],
  mapping: ['admin', 'staff', 'auditor'],
  top100: ['admin', 'staff', 'auditor'],
  editTop100: ['admin', 'staff'],
  publishTop100: ['admin'],
  programs: ['admin', 'staff', 'auditor'],
  editPrograms: ['admin', 'staff'],
  applications: ['applicant'],
  experts: ['admin', 'staff', 'auditor'],
  editExperts: ['admin', 'staff'],
  /** Awards, the publication (公示), objections and certificates: the office decides, auditors read. */
  publications: ['admin', 'staff', 'auditor'],
  editPublications: ['admin', 'staff'],
  /** The expert portal (我的评审) and the panels an expert sits on (我的答辩评审). */
  reviews: ['expert'],
  myPanels: ['expert', 'chair'],
} as const satisfies Record<string, readonly Role[]>;

export function can(user: User | null, area: keyof typeof ACCESS): boolean {
  return !!user && (ACCESS[area] as readonly string[]).includes(user.role);
}
