/** The layering rule: a query written in a route or service fails lint; the same query in a repository passes. */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const query = `import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
export function names(db: Kysely<Database>) {
  return db.selectFrom('programs').select('name').execute();
}
`;
const raw = `import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
export function one(db: Kysely<Database>) {
  return sql\`SELECT 1\`.execute(db);
}
`;

describe('SQL only in repositories (lint)', () => {
  it('fails a Kysely builder in a route file and a service file', async () => {
    expect(await messages(query, 'packages/server/src/programs/new.routes.ts')).toEqual([
      expect.stringContaining('no-restricted-syntax: SQL belongs in a *.repository.ts file'),
    ]);
    expect(await messages(query, 'packages/server/src/programs/new.service.ts')).toHaveLength(1);
  });

  it('fails sql`` and its import outside a repository', async () => {
    const found = await messages(raw, 'packages/server/src/rounds/new-step.ts');
    expect(found.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(found.some((m) => m.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('passes the same code in a repository', async () => {
    expect(await messages(query, 'packages/server/src/programs/new.repository.ts')).toEqual([]);
    expect(await messages(raw, 'packages/server/src/programs/new.repository.ts')).toEqual([]);
  });
});

describe('audit entries only through mutate (lint)', () => {
  it('fails an import of appendAudit outside the audit module', async () => {
    const code = `import { appendAudit } from '../audit/audit.repository.js';\nexport const a = appendAudit;\n`;
    expect(await messages(code, 'packages/server/src/programs/new.service.ts')).toEqual([
      expect.stringContaining('no-restricted-imports: '),
    ]);
    expect(await messages(code.replace('../audit/', './'), 'packages/server/src/audit/new.ts')).toEqual([]);
  });
});
