/** English messages of the web app (owned by packages/web). */
export const webEn = {
  'app.title': 'Keping',
} as const;
export type WebKey = keyof typeof webEn;
