import type { FieldProblem } from '../errors';

/**
 * The required documents of a procedure (thành phần hồ sơ) and what the desk checks against
 * them at intake. One definition: the migration's CHECKs (form values, 1–99 copies, at most
 * 50 documents) say the same, and the API's validation and the web app read these.
 */
export enum DocumentForm {
  /** Bản chính. */
  Original = 'original',
  /** Bản sao (chứng thực or not, as the procedure says in the name). */
  Copy = 'copy',
}

export const DOCUMENT_FORM_LABEL_VI: Record<DocumentForm, string> = {
  [DocumentForm.Original]: 'Bản chính',
  [DocumentForm.Copy]: 'Bản sao',
};

export const DOCUMENT_COPIES_MIN = 1;
export const DOCUMENT_COPIES_MAX = 99;
/** procedure_documents.position and application_received_documents.position are 1–50. */
export const MAX_PROCEDURE_DOCUMENTS = 50;
export const DOCUMENT_NAME_MAX = 300;

/** One document a procedure asks for. */
export interface RequiredDocument {
  id: string;
  name: string;
  form: DocumentForm;
  copies: number;
  active: boolean;
}

/** One line of the desk's checklist: that document was handed in, in that form and number. */
export interface ChecklistItem {
  documentId: string;
  form: DocumentForm;
  copies: number;
}

/** What the record keeps of a received document: a snapshot, later list edits leave it alone. */
export interface ReceivedDocument {
  procedureDocumentId: string;
  name: string;
  form: DocumentForm;
  copies: number;
}

export interface ChecklistOutcome {
  /** Problems naming `checklist[i].<field>`; empty when the checklist is acceptable. */
  problems: FieldProblem[];
  /** The checked documents, in the procedure's order. */
  received: ReceivedDocument[];
  /** The procedure's active documents not checked: what Mẫu 02 asks for. */
  missing: RequiredDocument[];
}

/**
 * Checks the desk's checklist against the procedure's documents (in their order): every item
 * names an active document of this procedure, at most once, with 1–99 copies. Inactive
 * documents are no longer asked for, so they cannot be checked either.
 */
export function checkChecklist(
  required: readonly RequiredDocument[],
  checklist: readonly ChecklistItem[],
): ChecklistOutcome {
  const problems: FieldProblem[] = [];
  const active = new Map(required.filter((d) => d.active).map((d) => [d.id, d]));
  const seen = new Map<string, ChecklistItem>();
  checklist.forEach((item, i) => {
    if (!active.has(item.documentId)) {
      problems.push({
        field: `checklist[${i}].documentId`,
        reason: 'is not a required document of this procedure',
      });
    } else if (seen.has(item.documentId)) {
      problems.push({
        field: `checklist[${i}].documentId`,
        reason: 'is listed twice; give each document once with its number of copies',
      });
    } else {
      seen.set(item.documentId, item);
    }
    if (
      !Number.isInteger(item.copies) ||
      item.copies < DOCUMENT_COPIES_MIN ||
      item.copies > DOCUMENT_COPIES_MAX
    ) {
      problems.push({
        field: `checklist[${i}].copies`,
        reason: `must be a whole number from ${DOCUMENT_COPIES_MIN} to ${DOCUMENT_COPIES_MAX}`,
      });
    }
    if (!Object.values(DocumentForm).includes(item.form)) {
      problems.push({ field: `checklist[${i}].form`, reason: 'must be original or copy' });
    }
  });
  const received: ReceivedDocument[] = [];
  const missing: RequiredDocument[] = [];
  for (const doc of active.values()) {
    const item = seen.get(doc.id);
    if (item) {
      received.push({
        procedureDocumentId: doc.id,
        name: doc.name,
        form: item.form,
        copies: item.copies,
      });
    } else {
      missing.push(doc);
    }
  }
  return { problems, received, missing };
}
