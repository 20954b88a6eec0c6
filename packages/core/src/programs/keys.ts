/** The two shapes every part of a program uses: a key (what data and the API call a thing) and a bilingual name. */
import { z } from 'zod';

/** A key: what the data and the API call a field, attachment, round, category or outcome. */
export const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const bilingualSchema = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
export type Bilingual = z.output<typeof bilingualSchema>;
