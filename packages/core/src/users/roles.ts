/** The roles a login can have, declared once: the server checks routes against them, the web offers and labels them. */
export const ROLES = ['admin', 'staff', 'applicant', 'expert', 'chair', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The program office (项目办): the roles that run programs and receive the office's notices. */
export const OFFICE_ROLES = ['admin', 'staff'] as const satisfies readonly Role[];

/**
 * An account created by single sign-on holds no role until an administrator grants one: every
 * route but the session's own (/api/auth/*) refuses it, and the web says it is waiting.
 */
export const NO_ROLE = 'none';
export type AccountRole = Role | typeof NO_ROLE;
