/**
 * Writes a minimal XLSX file whose worksheet is streamed through a deflate stream, never held
 * whole: for the import-limit tests and bench, which need workbooks that inflate to hundreds of MB
 * and workbooks whose central directory lies about sizes. The ZIP layout is the plain one (local
 * header with a data descriptor after the data, central directory, end record); no ZIP64.
 */
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export interface XlsxWriteOptions {
  /** The sheet's uncompressed size as the central directory declares it (default: the true size). */
  declaredSheetSize?: number;
  /** A shared-strings part, and the size its central entry declares (default: the true size). */
  sharedStrings?: { xml: string; declaredSize?: number };
  level?: number;
}

const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
  + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="xml" ContentType="application/xml"/></Types>';
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One row of inline-string cells, as the sheet's XML. */
export function rowXml(row: number, cells: readonly string[]): string {
  return `<row r="${row}">${cells.map((c) => `<c t="inlineStr"><is><t>${escape(c)}</t></is></c>`).join('')}</row>`;
}

/** Writes `path`: a workbook whose first sheet holds the rows `sheetRows` yields (row XML, in pieces of any size). */
export async function writeXlsx(path: string, sheetRows: Iterable<string>, options: XlsxWriteOptions = {}): Promise<{ sheetBytes: number }> {
  const fh = await open(path, 'w');
  let offset = 0;
  const write = async (buf: Buffer) => {
    await fh.write(buf, 0, buf.length, offset);
    offset += buf.length;
  };
  const entries: Written[] = [];
  const localHeader = (name: Buffer) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0008, 6); // sizes and CRC in the data descriptor after the data
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(0x21, 12); // 1980-01-01
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  };
  const descriptor = (e: Written) => {
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc, 4);
    d.writeUInt32LE(e.compressed, 8);
    d.writeUInt32LE(e.size, 12);
    return d;
  };
  const declared = new Map<Written, number>();
  const small = async (nameText: string, text: string, declaredSize?: number) => {
    const name = Buffer.from(nameText);
    const data = Buffer.from(text);
    const deflated = deflateRawSync(data);
    const e: Written = { name, crc: crc32(data), compressed: deflated.length, size: data.length, offset };
    await write(localHeader(name));
    await write(deflated);
    await write(descriptor(e));
    entries.push(e);
    if (declaredSize !== undefined) declared.set(e, declaredSize);
  };
  try {
    await small('[Content_Types].xml', TYPES);
    await small('xl/workbook.xml', WORKBOOK);
    await small('xl/_rels/workbook.xml.rels', RELS);
    if (options.sharedStrings) await small('xl/sharedStrings.xml', options.sharedStrings.xml, options.sharedStrings.declaredSize);

    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const sheet: Written = { name, crc: 0, compressed: 0, size: 0, offset };
    await write(localHeader(name));
    const deflate = createDeflateRaw({ level: options.level ?? 6 });
    const feed = async () => {
      const put = async (text: string) => {
        const b = Buffer.from(text);
        sheet.crc = crc32(b, sheet.crc);
        sheet.size += b.length;
        if (!deflate.write(b)) await once(deflate, 'drain');
      };
      await put(SHEET_HEAD);
      for (const piece of sheetRows) await put(piece);
      await put(SHEET_TAIL);
      deflate.end();
    };
    const feeding = feed();
    feeding.catch((e: unknown) => deflate.destroy(e as Error)); // else the loop below would wait forever
    for await (const out of deflate as AsyncIterable<Buffer>) {
      await write(out);
      sheet.compressed += out.length;
    }
    await feeding;
    await write(descriptor(sheet));
    entries.push(sheet);
    if (options.declaredSheetSize !== undefined) declared.set(sheet, options.declaredSheetSize);

    const dirOffset = offset;
    for (const e of entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0008, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(0x21, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(declared.get(e) ?? e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      await write(Buffer.concat([c, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - dirOffset, 12);
    end.writeUInt32LE(dirOffset, 16);
    await write(end);
    return { sheetBytes: sheet.size };
  } finally {
    await fh.close();
  }
}
