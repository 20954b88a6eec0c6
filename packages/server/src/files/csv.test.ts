import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

async function all(text: string, size = 7): Promise<{ line: number; fields: string[] }[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out = [];
  for await (const batch of parseCsv(chunks())) out.push(...batch);
  return out;
}

function quote(f: string): string {
  return /[",\r\n]/.test(f) || f.startsWith(' ') ? `"${f.replace(/"/g, '""')}"` : f;
}

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CR LF and line breaks inside quotes, with start lines', async () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",\r\n"multi\nline",2,3\nlast,,';
    expect(await all(text, 3)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', ''] },
      { line: 3, fields: ['multi\nline', '2', '3'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('keeps blank lines as empty records so row numbers stay true', async () => {
    expect((await all('a\n\nb\n')).map((r) => [r.line, r.fields])).toEqual([[1, ['a']], [2, ['']], [3, ['b']]]);
  });

  it('round-trips any table, whatever the chunk size', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', 'x') });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }),
      async (rows, size) => {
        const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
        const parsed = await all(text, size);
        expect(parsed.map((r) => r.fields)).toEqual(rows);
      },
    ));
  });
});
