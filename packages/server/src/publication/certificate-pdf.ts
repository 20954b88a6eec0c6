/** A certificate as PDF (pdfkit, a subset of Noto Sans SC embedded): holder, title, program, serial, date, QR code and URL. */
import { translate } from '@keping/core';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { FONT, FONT_BOLD } from '../rounds/index/list-export.js';
import { type CertificateRow, verificationUrl } from './certificate.service.js';

export async function certificatePdf(row: CertificateRow): Promise<Buffer> {
  const url = verificationUrl(row.serial, row.content_hash);
  const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4', layout: 'landscape', margin: 50,
    info: { Title: `${translate('zh-CN', 'publication.certificate.heading')} ${row.serial}`, Producer: 'Keping', CreationDate: new Date(row.issued_at) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', FONT).registerFont('bold', FONT_BOLD);
  const width = doc.page.width - 100;
  doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(2).strokeColor('#b8860b').stroke();
  doc.font('bold').fontSize(36).fillColor('#8b0000').text(translate('zh-CN', 'publication.certificate.heading'), 50, 80, { width, align: 'center' });
  doc.moveDown(1).font('bold').fontSize(24).fillColor('#000000').text(row.holder, { width, align: 'center' });
  doc.moveDown(0.8).font('body').fontSize(14).text(translate('zh-CN', 'publication.certificate.body', { program: row.program }), { width, align: 'center' });
  doc.moveDown(0.5).font('bold').fontSize(20).text(row.title, { width, align: 'center' });
  doc.moveDown(0.8).font('body').fontSize(12).text(translate('zh-CN', 'publication.certificate.date', { date: row.date }), { width, align: 'center' });
  const qrSize = 110;
  const y = doc.page.height - 50 - qrSize - 10;
  doc.image(qr, doc.page.width - 60 - qrSize, y, { width: qrSize, height: qrSize });
  doc.font('body').fontSize(10).fillColor('#333333')
    .text(translate('zh-CN', 'publication.certificate.serial', { serial: row.serial }), 60, y + 10, { width: width - qrSize - 30 })
    .text(translate('zh-CN', 'publication.certificate.verify'), { width: width - qrSize - 30 })
    .fontSize(8).text(url, { width: width - qrSize - 30, link: url });
  doc.end();
  return done;
}
