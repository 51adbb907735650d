/**
 * rapport.pdf: the report laid out with pdfkit (plain Node: the app, serve
 * mode, the CLI and the tests all make it) in DejaVu Sans, embedded, which
 * has every glyph French needs (accents, « », ’, the narrow no-break space).
 * A timeline figure shows the case at a glance.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { CaseDocument, DocumentWriter } from './bundle.js';
import { reportDate, reportText, type ReportSection } from './report-text.js';
import type { TimelineEvent, TimelineKind } from './timeline.js';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
};
const MARGIN = 56;
const GREY = '#555555';
const ROW_SLACK = 12;

const EVENT_COLOURS: Record<TimelineKind, string> = {
  message_received: '#7a7a7a',
  objection_sent: '#1f5fbf',
  deadline: '#d97a00',
  reply_received: '#2e8b57',
  violation: '#c0392b',
};
const LEGEND: Record<'fr' | 'en', Record<TimelineKind, string>> = {
  fr: {
    message_received: 'message reçu',
    objection_sent: 'opposition',
    deadline: 'échéance',
    reply_received: 'réponse',
    violation: 'violation',
  },
  en: {
    message_received: 'message received',
    objection_sent: 'objection',
    deadline: 'deadline',
    reply_received: 'answer',
    violation: 'violation',
  },
};

export const REPORT_FILE = 'rapport.pdf';

export const writeReportPdf: DocumentWriter = async (doc) =>
  new Map([[REPORT_FILE, await reportPdf(doc)]]);

export function reportPdf(doc: CaseDocument): Promise<Buffer> {
  const text = reportText(doc);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // Fixed dates: the same case gives the same file.
    info: {
      Title: text.title,
      Author: 'Inbox Guard',
      CreationDate: new Date(doc.createdAt),
      ModDate: new Date(doc.createdAt),
    },
  });
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  pdf.registerFont('italic', FONTS.italic);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('bold').fontSize(18).text(text.title);
  pdf.font('regular').fontSize(9).fillColor(GREY).text(text.subtitle).fillColor('black');
  pdf.moveDown(0.8);
  const [who, advertiser, facts, ...rest] = text.sections;
  for (const s of [who, advertiser, facts]) if (s) section(pdf, s);
  timelineFigure(pdf, doc.timeline, doc.lang, text.figureCaption);
  for (const s of rest) section(pdf, s);
  pdf.moveDown(1);
  pdf.font('italic').fontSize(8.5).fillColor(GREY).text(text.closing).fillColor('black');
  pdf.end();
  return done;
}

function section(pdf: PDFKit.PDFDocument, s: ReportSection): void {
  pdf.font('bold').fontSize(12).text(s.heading);
  pdf.moveDown(0.2);
  pdf.font('regular').fontSize(10);
  for (const p of s.paragraphs) pdf.text(p, { paragraphGap: 3 });
  if (s.table) table(pdf, s.table.columns, s.table.rows);
  pdf.moveDown(0.6);
}

function table(pdf: PDFKit.PDFDocument, columns: string[], rows: string[][]): void {
  // Date, subject, DKIM, SPF/DMARC: the subject takes what the others leave.
  const fixed =
    columns.length > 3 ? [92, 0, 108, 120] : [100, 0, pdf.page.width - 2 * MARGIN - 330];
  const widths = fixed.map((w, i) =>
    i === 1 ? pdf.page.width - 2 * MARGIN - fixed.reduce((a, b) => a + b, 0) : w,
  );
  const line = (cells: string[], font: string) => {
    pdf.font(font).fontSize(9);
    const height = Math.max(
      ...cells.map((c, i) => pdf.heightOfString(c, { width: widths[i]! - 6 })),
    );
    // A row is never split across pages: it starts the next one. A line of slack, because
    // pdfkit breaks the page itself a little before the margin, and a cell that did would put
    // every later cell on a page of its own.
    if (pdf.y + height + ROW_SLACK > pdf.page.height - MARGIN) pdf.addPage();
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      pdf.text(c, x, y, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    pdf.x = MARGIN;
    pdf.y = y + height + 4;
  };
  line(columns, 'bold');
  for (const r of rows) line(r, 'regular');
}

function labelled(e: TimelineEvent, i: number, count: number): boolean {
  if (count <= 12) return true;
  return e.kind === 'objection_sent' || e.kind === 'deadline' || i === 0 || i === count - 1;
}

/** The case on one line: each event where its date falls, coloured by kind, with a legend. */
function timelineFigure(
  pdf: PDFKit.PDFDocument,
  events: readonly TimelineEvent[],
  lang: 'fr' | 'en',
  caption: string,
): void {
  const dated = events.filter((e) => Number.isFinite(Date.parse(e.at)));
  if (dated.length === 0) return;
  if (pdf.y > pdf.page.height - 200) pdf.addPage();
  const left = MARGIN + 10;
  const right = pdf.page.width - MARGIN - 10;
  const top = pdf.y + 8;
  const axis = top + 40;
  const first = Date.parse(dated[0]!.at);
  const span = Math.max(Date.parse(dated.at(-1)!.at) - first, 1);
  const xOf = (at: string) => left + ((Date.parse(at) - first) / span) * (right - left);
  pdf.save().lineWidth(1.2).strokeColor('#333333').moveTo(left, axis).lineTo(right, axis).stroke();
  dated.forEach((e, i) => {
    const x = xOf(e.at);
    const colour = EVENT_COLOURS[e.kind];
    if (e.kind === 'deadline')
      pdf
        .lineWidth(2)
        .strokeColor(colour)
        .moveTo(x, axis - 22)
        .lineTo(x, axis + 10)
        .stroke();
    else
      pdf
        .fillColor(colour)
        .circle(x, axis, e.kind === 'violation' ? 5 : 4)
        .fill();
    // Labels alternate above and below, so close dates stay readable; of many messages only
    // the first and the last are dated (the steps always are).
    if (!labelled(e, i, dated.length)) return;
    const above = i % 2 === 0;
    pdf.font('regular').fontSize(7).fillColor(colour);
    const labelX = Math.min(Math.max(x - 40, MARGIN), pdf.page.width - MARGIN - 80);
    pdf.text(reportDate(e.at, lang), labelX, above ? axis - 34 : axis + 12, {
      width: 80,
      align: 'center',
    });
  });
  let x = left;
  const legendY = axis + 32;
  for (const kind of Object.keys(EVENT_COLOURS) as TimelineKind[]) {
    if (!dated.some((e) => e.kind === kind)) continue;
    pdf
      .fillColor(EVENT_COLOURS[kind])
      .circle(x + 3, legendY + 4, 3)
      .fill();
    pdf
      .fillColor('black')
      .fontSize(8)
      .text(LEGEND[lang][kind], x + 10, legendY, { lineBreak: false });
    x += 20 + pdf.widthOfString(LEGEND[lang][kind]);
  }
  pdf.restore();
  pdf.fillColor(GREY).font('italic').fontSize(8);
  pdf.text(caption, MARGIN, legendY + 16, { width: right - MARGIN });
  pdf.fillColor('black').moveDown(1);
}
