import { changedKeys, referencedObjects, topLevelEntries } from './pdf-dictionary';

/**
 * What may follow a signed revision (PAdES and ISO 32000 "allowed changes" for a signed,
 * append-only document): long-term validation data (/DSS with its certificates, CRLs and OCSP
 * answers), further signatures and document timestamps with their fields and widgets. The
 * objects an increment redefines are compared with their signed versions:
 * - the catalog may change only /DSS, /AcroForm and /Perms;
 * - a page only its /Annots, by adding signature widgets;
 * - the AcroForm only /Fields (adding signature fields) and /SigFlags;
 * - anything else redefined (page contents, resources, the page tree...) is a modification.
 * New objects are harmless unless something signed refers to them; new pages or
 * non-signature annotations are refused all the same. Compressed object streams after the
 * signature cannot be read here and are refused: conservative, reported as such.
 */
export interface ModificationCheck {
  ok: boolean;
  detail: string;
}

interface PdfObject {
  number: number;
  body: string;
}

const OBJECT = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)\bendobj/g;

function objectsIn(text: string): PdfObject[] {
  return [...text.matchAll(OBJECT)].map((m) => ({ number: Number(m[1]), body: m[3] }));
}

function lastDefinition(signed: string, number: number): string | null {
  const pattern = new RegExp(`(?:^|[^0-9])${number}\\s+\\d+\\s+obj\\b([\\s\\S]*?)\\bendobj`, 'g');
  let body: string | null = null;
  for (const m of signed.matchAll(pattern)) {
    body = m[1];
  }
  return body;
}

const typeOf = (body: string) => /\/Type\s*\/([A-Za-z]+)/.exec(body)?.[1] ?? null;
const isSignatureWidget = (body: string) => /\/FT\s*\/Sig\b/.test(body);
const isSignatureValue = (body: string) => ['Sig', 'DocTimeStamp'].includes(typeOf(body) ?? '');

export function checkModificationsAfter(pdf: Buffer, signedEnd: number): ModificationCheck {
  if (signedEnd >= pdf.length) {
    return { ok: true, detail: 'the signature covers the whole file' };
  }
  const signed = pdf.subarray(0, signedEnd).toString('latin1');
  const appended = pdf.subarray(signedEnd).toString('latin1');
  if (/\S/.test(appended) && !/%%EOF/.test(appended)) {
    return { ok: false, detail: `${pdf.length - signedEnd} bytes follow the signed revision` };
  }
  const objects = objectsIn(appended);
  const added = new Map(objects.map((o) => [o.number, o.body]));
  for (const object of objects) {
    const type = typeOf(object.body);
    if (type === 'ObjStm') {
      return { ok: false, detail: 'compressed objects after the signature cannot be checked' };
    }
    if (type === 'XRef') {
      continue;
    }
    const before = lastDefinition(signed, object.number);
    if (before === null) {
      if (type === 'Page' || type === 'Pages' || type === 'Catalog') {
        return { ok: false, detail: `a ${type} object (${object.number}) was added after signing` };
      }
      if (type === 'Annot' && !isSignatureWidget(object.body)) {
        return { ok: false, detail: `an annotation (${object.number}) was added after signing` };
      }
      continue;
    }
    const changed = changedKeys(topLevelEntries(before), topLevelEntries(object.body));
    const streamChanged = /\bstream\b/.test(object.body) || /\bstream\b/.test(before);
    const allowed = (keys: string[]) => !streamChanged && changed.every((k) => keys.includes(k));
    if (changed.length === 0 && !streamChanged) {
      continue; // rewritten unchanged
    }
    if (type === 'Catalog' && allowed(['DSS', 'AcroForm', 'Perms'])) {
      continue;
    }
    if (type === 'Page' && allowed(['Annots'])) {
      const previous = new Set(referencedObjects(topLevelEntries(before).get('Annots')));
      const now = referencedObjects(topLevelEntries(object.body).get('Annots'));
      const extra = now.filter((n) => !previous.has(n));
      if (extra.every((n) => isSignatureWidget(added.get(n) ?? ''))) {
        continue;
      }
      return { ok: false, detail: `page object ${object.number} got annotations after signing` };
    }
    if (/\/Fields\b/.test(before) && allowed(['Fields', 'SigFlags', 'DR', 'DA'])) {
      continue; // the AcroForm, for a further signature field
    }
    if (isSignatureValue(before) || isSignatureWidget(before)) {
      return { ok: false, detail: `signature object ${object.number} was rewritten after signing` };
    }
    return {
      ok: false,
      detail: `object ${object.number}${type ? ` (${type})` : ''} was changed after signing${
        changed.length ? `: ${changed.slice(0, 5).join(', ')}` : ' (its content)'
      }`,
    };
  }
  return {
    ok: true,
    detail: `${objects.length} object(s) added after signing, all allowed (validation data, signatures)`,
  };
}
