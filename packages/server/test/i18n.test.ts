/**
 * Every message the code can produce exists in both catalogues: error codes, translate() keys
 * and the web app's t() keys are collected from the sources and looked up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogues, negotiateLocale, translate } from '@keping/core';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'i18n') continue;
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = ['packages/core/src', 'packages/server/src', 'packages/web/src']
  .flatMap((d) => { try { return sources(join(ROOT, d)); } catch { return []; } });
const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');

function matches(re: RegExp): string[] {
  return [...new Set([...text.matchAll(re)].map((m) => m[1] as string))].sort();
}

describe('catalogues', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(catalogues['zh-CN']).sort()).toEqual(Object.keys(catalogues.en).sort());
    for (const [k, v] of Object.entries(catalogues['zh-CN'])) expect(v, k).not.toBe('');
  });

  it('have a message for every error code in the code', () => {
    const codes = [
      ...matches(/new KepingError\(\s*'([A-Z][A-Z0-9_]+)'/g),
      ...matches(/\bcode: '([A-Z]{2,}(?:_[A-Z0-9]+)*)'/g),
    ];
    expect(codes.length).toBeGreaterThan(30);
    const missing = codes.filter((c) => !(`errors.${c}` in catalogues.en));
    expect(missing).toEqual([]);
  });

  it('have every literal key passed to translate() and t()', () => {
    const keys = [...matches(/translate\([^,]+,\s*'([a-zA-Z][\w.-]+)'/g), ...matches(/\bt\('([a-zA-Z][\w.-]+)'/g)];
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !(k in catalogues.en))).toEqual([]);
  });

  it('interpolates parameters and negotiates the language', () => {
    expect(translate('en', 'errors.USCC_LENGTH', { length: 17 })).toBe('A Unified Social Credit Code has 18 characters, this one has 17');
    expect(translate('zh-CN', 'errors.USCC_LENGTH', { length: 17 })).toBe('统一社会信用代码应为18位，当前为17位');
    expect(negotiateLocale('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLocale('fr-FR,zh;q=0.5,en;q=0.4')).toBe('zh-CN');
    expect(negotiateLocale('fr-FR')).toBe('zh-CN');
    expect(negotiateLocale(undefined)).toBe('zh-CN');
  });
});
