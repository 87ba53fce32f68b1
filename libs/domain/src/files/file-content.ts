/**
 * Uploaded documents are judged by their bytes, never by their name or the type the client
 * claims: a renamed executable is refused whatever it is called.
 */
export type AcceptedFileType = 'pdf' | 'jpeg' | 'png';

export const ACCEPTED_FILE_TYPES: readonly AcceptedFileType[] = ['pdf', 'jpeg', 'png'];

export const MEDIA_TYPE: Record<AcceptedFileType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

// Signatures: PDF 1.7 (ISO 32000-1 §7.5.2) "%PDF-"; JPEG SOI + a marker; PNG's 8-byte header.
const SIGNATURES: ReadonlyArray<{ type: AcceptedFileType; bytes: readonly number[] }> = [
  { type: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type the content really is, or null when it is none of the accepted ones. */
export function detectFileType(content: Uint8Array): AcceptedFileType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (content.length >= bytes.length && bytes.every((b, i) => content[i] === b)) {
      return type;
    }
  }
  return null;
}

export interface FileRules {
  maxBytes: number;
  allowedTypes: readonly AcceptedFileType[];
}

export type FileCheck =
  { ok: true; type: AcceptedFileType; mediaType: string } | { ok: false; reason: string };

/** Reasons are English: they become the API's `details[].reason`, which names the field. */
export function checkFileContent(content: Uint8Array, rules: FileRules): FileCheck {
  if (content.length === 0) {
    return { ok: false, reason: 'is empty' };
  }
  if (content.length > rules.maxBytes) {
    return { ok: false, reason: `is larger than ${rules.maxBytes} bytes` };
  }
  const type = detectFileType(content);
  if (type === null || !rules.allowedTypes.includes(type)) {
    return {
      ok: false,
      reason: `content is not one of ${rules.allowedTypes.join(', ')} (checked by its bytes, not its name)`,
    };
  }
  return { ok: true, type, mediaType: MEDIA_TYPE[type] };
}
