/**
 * The workbook's small parts, read whole before the sheet is streamed: where the first worksheet
 * lives, its shared strings (held in memory, as Excel itself does), which styles are dates, and
 * whether the workbook counts days from 1904.
 */
import type { FileHandle } from 'node:fs/promises';
import { dateStyles } from './dates.js';
import { XlsxFormatError } from './format-error.js';
import { runText } from './xml-text.js';
import { checkDeclaredSize, entryString, type ZipEntry, zipEntries } from './zip.js';

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  // Trimmed once here, as every cell's text is, rather than at each cell that uses them.
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(m[1] === undefined ? '' : runText(m[1]).trim());
  return out;
}

function attribute(attrs: string, name: string): string | undefined {
  const at = attrs.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const from = at + name.length + 3;
  return attrs.slice(from, attrs.indexOf('"', from));
}

export interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

/** Where the first worksheet lives, from the workbook and its relationships. */
function firstSheetPath(workbook: string, rels: string): string {
  const sheet = /<sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook) ?? /<sheet\b[^>]*?\bid="([^"]+)"/.exec(workbook);
  if (!sheet) throw new XlsxFormatError('no sheet');
  const rel = new RegExp(`<Relationship\\b[^>]*?Id="${sheet[1]!.replace(/[^\w-]/g, '')}"[^>]*>`).exec(rels)?.[0];
  const target = rel ? attribute(` ${rel.slice(1)}`, 'Target') : undefined;
  if (!target) throw new XlsxFormatError('no sheet relationship');
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * Opens the workbook in fh: its entries, the context its cells are read in, and the entry of its
 * first worksheet. Throws XlsxFormatError when a part is missing or malformed, and the limit's
 * KepingError when a part would inflate to more than maxPartBytes.
 */
export async function openWorkbook(fh: FileHandle, size: number, maxPartBytes: number): Promise<{ ctx: SheetContext; sheet: ZipEntry }> {
  const entries = await zipEntries(fh, size);
  const need = (name: string) => {
    const e = entries.get(name);
    if (!e) throw new XlsxFormatError(`missing ${name}`);
    return e;
  };
  const workbookEntry = need('xl/workbook.xml');
  const relsEntry = need('xl/_rels/workbook.xml.rels');
  const stringsEntry = entries.get('xl/sharedStrings.xml');
  const stylesEntry = entries.get('xl/styles.xml');
  // Every part read is refused on its declared size before any is inflated.
  for (const e of [workbookEntry, relsEntry, stringsEntry, stylesEntry]) if (e) checkDeclaredSize(e, maxPartBytes);
  const workbook = await entryString(fh, workbookEntry, maxPartBytes);
  const rels = await entryString(fh, relsEntry, maxPartBytes);
  const sheet = need(firstSheetPath(workbook, rels));
  checkDeclaredSize(sheet, maxPartBytes);
  const ctx: SheetContext = {
    strings: stringsEntry ? sharedStrings(await entryString(fh, stringsEntry, maxPartBytes)) : [],
    dates: stylesEntry ? dateStyles(await entryString(fh, stylesEntry, maxPartBytes)) : [],
    date1904: /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook),
  };
  return { ctx, sheet };
}
