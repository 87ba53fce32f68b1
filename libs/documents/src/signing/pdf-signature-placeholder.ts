import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS } from '@signpdf/utils';
import type { Pdf } from '../render-pdf';

/** The parts of pdfkit's document that a signature field needs (not in its typings). */
interface PdfkitInternals {
  ref(data: Record<string, unknown>): PdfkitRef;
  initForm(): void;
  _acroform?: unknown;
  _root: { data: { AcroForm?: PdfkitRef } };
  page: { annotations: PdfkitRef[]; dictionary: PdfkitRef };
}

interface PdfkitRef {
  data: Record<string, unknown> & { Fields?: PdfkitRef[] };
  end(): void;
}

export interface PlaceholderOptions {
  reason: string;
  name: string;
  location: string;
  signingTime: Date;
  /** Bytes reserved for the CMS (twice as many hex digits in the file). */
  contentsBytes: number;
  /** [x1, y1, x2, y2] in PDF user space (origin bottom left). */
  widgetRect: [number, number, number, number];
}

/**
 * A signature field on the current page with an empty signature dictionary (PAdES:
 * SubFilter ETSI.CAdES.detached): /ByteRange with the placeholder @signpdf/signpdf fills in
 * place, /Contents of zeros to hold the CMS. The same objects @signpdf/placeholder-pdfkit
 * writes; written here because that package pins pdfkit 0.11 as a peer and this project draws
 * with pdfkit 0.20.
 */
export function addSignaturePlaceholder(doc: Pdf, options: PlaceholderOptions): void {
  const pdf = doc as unknown as PdfkitInternals;
  // pdfkit writes a JS string as a PDF name and a String object as a literal string.
  const text = (value: string) => new String(value);
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [
      0,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
    ],
    Contents: Buffer.alloc(options.contentsBytes),
    Reason: text(options.reason),
    M: options.signingTime,
    Name: text(options.name),
    Location: text(options.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'motcua' } },
  });
  if (!pdf._acroform) {
    pdf.initForm();
  }
  const form = pdf._root.data.AcroForm!;
  const fields = form.data.Fields ?? [];
  form.data = {
    Type: 'AcroForm',
    SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY,
    Fields: fields,
    DR: form.data.DR,
  };
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: options.widgetRect,
    V: signature,
    T: text(`Signature${fields.length + 1}`),
    F: 4, // printed
    P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  fields.push(widget);
  signature.end();
  widget.end();
}
