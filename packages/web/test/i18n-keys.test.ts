/** Every literal key the web app translates exists in both catalogues, with the same {{params}}. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogues } from '@keping/core';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) keys.add(m[1] as string);
    // t(cond ? 'a.b' : 'c.d')
    for (const m of text.matchAll(/\bt\([^()'`]*\?\s*'([\w.-]+)'\s*:\s*'([\w.-]+)'/g)) {
      keys.add(m[1] as string);
      keys.add(m[2] as string);
    }
  }
  return keys;
}

const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web i18n keys', () => {
  const keys = [...usedKeys()];

  it('finds the keys the pages use', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  it.each(['en', 'zh-CN'] as const)('%s has every key the web app uses', (locale) => {
    expect(keys.filter((k) => catalogues[locale][k] === undefined)).toEqual([]);
  });

  it('zh-CN and en use the same parameters', () => {
    const mismatched = keys.filter((k) => {
      const en = catalogues.en[k];
      const zh = catalogues['zh-CN'][k];
      return en !== undefined && zh !== undefined && params(en).join() !== params(zh).join();
    });
    expect(mismatched).toEqual([]);
  });
});
