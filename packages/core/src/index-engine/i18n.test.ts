import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../i18n/index.js';
import { indexEngineEn } from '../i18n/index-engine.en.js';
import { indexEngineZh } from '../i18n/index-engine.zh-CN.js';

const placeholders = (t: string) => [...new Set([...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

describe('index engine messages', () => {
  it('every key has a Chinese message with the same placeholders, and both are in the catalogues', () => {
    for (const [key, en] of Object.entries(indexEngineEn)) {
      const zh = indexEngineZh[key as keyof typeof indexEngineEn];
      expect(placeholders(zh), key).toEqual(placeholders(en));
      expect(catalogues.en[key]).toBe(en);
      expect(catalogues['zh-CN'][key]).toBe(zh);
    }
  });

  it('every error code the engine and its command can return has a message', () => {
    const dir = import.meta.dirname;
    const sources = [
      ...readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(dir, f)),
      join(dir, '../../../server/src/cli/index.command.ts'),
    ];
    const codes = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/code: '(INDEX_[A-Z_]+)'/g)].map((m) => m[1] as string)));
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) expect(catalogues.en[`errors.${code}`], code).toBeDefined();
  });
});
