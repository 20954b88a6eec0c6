/** The two shapes every part of a program uses: a key (what data and the API call a thing) and a bilingual name. */
import { z } from 'zod';
import { text } from '../api/input.js';

/** A key: what the data and the API call a field, attachment, round, category or outcome. */
export const keySchema = text().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const bilingualSchema = z.strictObject({ zh: text().trim().min(1).max(200), en: text().trim().min(1).max(200) });
export type Bilingual = z.output<typeof bilingualSchema>;
