/** The designation import template (XLSX): the columns in the reader's language, an example row, and the catalogue to pick from. */
import { DESIGNATION_CATALOGUE, DESIGNATION_TITLES, type Locale } from '@keping/core';
import ExcelJS from '../files/exceljs.js';
import { DESIGNATION_COLUMNS, DESIGNATION_HEADERS } from './designation-import.service.js';

export async function designationTemplate(locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const name = (b: { zh: string; en: string }) => (en ? b.en : b.zh);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? 'Designations' : '认定');
  sheet.columns = DESIGNATION_COLUMNS.map((c) => ({ header: DESIGNATION_HEADERS[c][en ? 0 : 1] ?? c, width: c === 'source' ? 40 : 24 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).numFmt = '@';
  sheet.getColumn(4).numFmt = '@';
  const spec = DESIGNATION_CATALOGUE.tech_center;
  sheet.addRow(['91310115798931231K', name(spec.name), name((spec.tiers[1] ?? spec.tiers[0]).name), '2024-03-01', en ? 'Published list, 2024' : '2024年认定名单公告']);
  const catalogue = workbook.addWorksheet(en ? 'Catalogue' : '认定目录');
  catalogue.columns = [{ header: en ? 'Designation' : '认定称号', width: 36 }, { header: en ? 'Tiers' : '层级', width: 30 }, { header: en ? 'Granted by' : '认定机构', width: 60 }];
  catalogue.getRow(1).font = { bold: true };
  for (const key of DESIGNATION_TITLES) {
    const s = DESIGNATION_CATALOGUE[key];
    catalogue.addRow([name(s.name), s.tiers.map((t) => name(t.name)).join(en ? ', ' : '、'), name(s.grantingBody)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
