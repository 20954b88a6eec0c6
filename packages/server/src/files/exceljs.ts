/**
 * ExcelJS with one fix: its streaming XML reader (lib/utils/parse-sax.js) decodes every chunk of a
 * zip entry on its own, so a Chinese character cut between two chunks came out as U+FFFD — found by
 * the 100,000-row import benchmark. The replacement below is the same generator with a streaming
 * UTF-8 decoder. It must be in place before ExcelJS loads, so every module imports ExcelJS from here.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

interface SaxesLike {
  on(event: string, handler: (value: unknown) => void): void;
  write(text: string): void;
}

const requireFromExcel = createRequire(createRequire(import.meta.url).resolve('exceljs/package.json'));
const parseSaxPath = requireFromExcel.resolve('./lib/utils/parse-sax.js');

async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<{ eventType: string; value: unknown }[]> {
  const { SaxesParser } = requireFromExcel('saxes') as { SaxesParser: new () => SaxesLike };
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: unknown;
  let events: { eventType: string; value: unknown }[] = [];
  parser.on('error', (e) => { error = e; });
  for (const type of ['opentag', 'text', 'closetag']) parser.on(type, (value) => events.push({ eventType: type, value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length) yield events;
}

if (!requireFromExcel.cache[parseSaxPath]) {
  requireFromExcel.cache[parseSaxPath] = { id: parseSaxPath, filename: parseSaxPath, loaded: true, exports: parseSax, children: [], paths: [] } as unknown as NodeJS.Module;
}

const { default: ExcelJS } = await import('exceljs');
export default ExcelJS;
export type { Row, Workbook, Worksheet } from 'exceljs';
