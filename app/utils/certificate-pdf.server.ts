import PDFDocument from 'pdfkit'
import { formatCertificateCode } from '~/domain/certificate-code'
import { formatDate } from '~/domain/calendar'
import type { CertificateView } from '~/models/certificates.server'

const brand = '#17624a'
const ink = '#0f172a'
const muted = '#475569'

/** The certificate page's words on an A4 landscape PDF (docs/decisions/015). */
export function certificatePdf(c: CertificateView, verifyUrl: string): Promise<Blob> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Certificate: ${c.courseTitle}`, Author: c.organisationName, Subject: c.learnerName },
  })
  const done = new Promise<Blob>((resolve, reject) => {
    const chunks: Uint8Array<ArrayBuffer>[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(new Uint8Array(chunk)))
    doc.on('end', () => resolve(new Blob(chunks, { type: 'application/pdf' })))
    doc.on('error', reject)
  })
  const { width, height } = doc.page
  doc
    .lineWidth(3)
    .rect(28, 28, width - 56, height - 56)
    .stroke(brand)
  doc
    .lineWidth(1)
    .rect(36, 36, width - 72, height - 72)
    .stroke(brand)

  const inner = { x: 80, width: width - 160 }
  const line = (text: string, font: string, size: number, color: string, gap: number) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, inner.x, doc.y + gap, { align: 'center', width: inner.width })
  doc.y = 92
  line(c.organisationName, 'Helvetica-Bold', 16, ink, 0)
  line('CERTIFICATE OF COMPLETION', 'Helvetica-Bold', 12, brand, 8)
  line('This certifies that', 'Helvetica', 14, muted, 44)
  line(c.learnerName, 'Helvetica-Bold', 40, ink, 8)
  line('completed every lesson of', 'Helvetica', 14, muted, 20)
  line(c.courseTitle, 'Helvetica-Bold', 24, ink, 8)
  line(`on ${formatDate(c.completedOn)}`, 'Helvetica', 14, muted, 20)

  const footer = height - 120
  doc
    .moveTo(inner.x, footer)
    .lineTo(inner.x + inner.width, footer)
    .lineWidth(0.5)
    .stroke('#cbd5e1')
  doc.y = footer + 14
  line(`Verification code ${formatCertificateCode(c.code)}`, 'Helvetica-Bold', 12, ink, 0)
  line(`Check it at ${verifyUrl}`, 'Helvetica', 11, muted, 4)
  doc.end()
  return done
}
