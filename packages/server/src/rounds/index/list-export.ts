/** The published list as XLSX and as PDF, with a subset of Noto Sans SC embedded for the Chinese text. */
import { createRequire } from 'node:module';
import { DISTRICTS, type IndexCycle, type IndexPublication, type Locale, translate } from '@keping/core';
import ExcelJS from '../../files/exceljs.js';
import PDFDocument from 'pdfkit';
import { neutralise } from '../../registry/export.service.js';

const require = createRequire(import.meta.url);
export const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

function district(code: string | null, locale: Locale): string {
  const d = DISTRICTS.find((x) => x.code === code);
  return d ? (locale === 'en' ? d.en : d.zh) : '';
}

function columns(locale: Locale): string[] {
  return ['rank', 'name', 'uscc', 'score', 'district', 'listing', 'groups'].map((c) => translate(locale, `top100.column.${c}`));
}

function cells(e: IndexPublication['entries'][number], locale: Locale): string[] {
  return [
    String(e.rank), e.name, e.uscc, e.score.toFixed(2), district(e.district, locale),
    e.listing ? translate(locale, `listing.${e.listing}`) : '', e.groups.map((g) => translate(locale, `group.${g}`)).join('、'),
  ];
}

export async function publicationXlsx(cycle: IndexCycle, publication: IndexPublication, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(translate(locale, 'top100.sheet.list'));
  ws.addRow(columns(locale)).font = { bold: true };
  for (const e of publication.entries) ws.addRow(cells(e, locale).map(neutralise));
  [6, 40, 22, 10, 12, 12, 40].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.addRow([]);
  ws.addRow([translate(locale, 'top100.inputsHash'), publication.inputsHash]);
  ws.addRow([cycle.name]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function publicationPdf(cycle: IndexCycle, publication: IndexPublication, locale: Locale): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: cycle.name, Producer: 'Keping' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', FONT).registerFont('bold', FONT_BOLD);
  doc.font('bold').fontSize(16).text(cycle.name, { align: 'center' });
  const b = publication.breakdown;
  doc.moveDown(0.5).font('body').fontSize(9).text(translate(locale, 'top100.pdf.summary', {
    evaluated: publication.evaluated, total: b.total, leading: b.leading, key: b.key, listedPercent: Math.round(b.listedShare * 100),
  }), { align: 'center' });
  doc.moveDown();
  const widths = [30, 170, 110, 40, 55, 50, 60];
  const header = columns(locale);
  const row = (values: string[], font: 'body' | 'bold') => {
    const y = doc.y;
    let x = doc.page.margins.left;
    doc.font(font).fontSize(8);
    const heights = values.map((v, i) => doc.heightOfString(v, { width: (widths[i] ?? 50) - 4 }));
    const h = Math.max(...heights) + 4;
    if (y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      return row(values, font);
    }
    values.forEach((v, i) => {
      doc.text(v, x + 2, y + 2, { width: (widths[i] ?? 50) - 4 });
      x += widths[i] ?? 50;
    });
    doc.moveTo(doc.page.margins.left, y + h).lineTo(x, y + h).lineWidth(0.3).strokeColor('#cccccc').stroke();
    doc.x = doc.page.margins.left;
    doc.y = y + h;
  };
  row(header, 'bold');
  for (const e of publication.entries) row(cells(e, locale), 'body');
  doc.moveDown().font('body').fontSize(7).fillColor('#666666')
    .text(`${translate(locale, 'top100.inputsHash')}: ${publication.inputsHash}`, doc.page.margins.left);
  doc.end();
  return done;
}
