// @ts-check
// The desk's checklist against the procedure's required documents (thành phần hồ sơ): which
// were handed in, original or copy, how many copies. What is left unchecked is what the
// applicant must still bring: Mẫu 02 (incomplete at the desk) names exactly those.

/** @typedef {import('../../types.js').ApiObject} ApiObject */
/** @typedef {{ checked: boolean, form: string, copies: string }} CheckState */

export const FORM_LABELS = { original: 'Bản chính', copy: 'Bản sao' };
export const COPIES_MIN = 1;
export const COPIES_MAX = 99;

/** The documents the desk checks: the procedure's active ones, in order. */
export const activeDocuments = (documents) => documents.filter((d) => d.active);

/**
 * A document's line: unchecked until the clerk ticks it, with the form and copies the
 * procedure asks for as defaults.
 * @param {ApiObject} doc
 * @param {Record<string, CheckState>} state
 * @returns {CheckState}
 */
export function lineOf(doc, state) {
  return state[doc.id] ?? { checked: false, form: doc.form, copies: String(doc.copies) };
}

/** The required documents not ticked: what the applicant still has to bring. */
export function missingDocuments(documents, state) {
  return activeDocuments(documents).filter((d) => !lineOf(d, state).checked);
}

/** The field key of a document's input, as the form's errors use it. */
export const checklistField = (doc, part) => `checklist:${doc.id}:${part}`;

/** Copies typed out of range, as {field: message}; checked here to spare a round trip. */
export function checklistProblems(documents, state) {
  /** @type {Record<string, string>} */
  const problems = {};
  for (const doc of activeDocuments(documents)) {
    const line = lineOf(doc, state);
    const copies = Number(line.copies);
    if (line.checked && (!Number.isInteger(copies) || copies < COPIES_MIN || copies > COPIES_MAX)) {
      problems[checklistField(doc, 'copies')] = `Số bản từ ${COPIES_MIN} đến ${COPIES_MAX}.`;
    }
  }
  return problems;
}

/**
 * The checked documents for POST /applications, in the procedure's order, and the id behind
 * each index (the API names refused lines `checklist[i].…`).
 */
export function checklistBody(documents, state) {
  const lines = activeDocuments(documents).filter((d) => lineOf(d, state).checked);
  return {
    checklist: lines.map((d) => {
      const line = lineOf(d, state);
      return { documentId: d.id, form: line.form, copies: Number(line.copies) };
    }),
    ids: lines.map((d) => d.id),
  };
}

/** 'checklist[1].copies' → 'checklist:<id of the second line sent>:copies'. */
export function checklistErrorField(field, ids) {
  const m = /^checklist\[(\d+)\]\.(\w+)$/.exec(field);
  if (!m) {
    return field;
  }
  const id = ids[Number(m[1])];
  return id ? `checklist:${id}:${m[2] === 'documentId' ? 'checked' : m[2]}` : 'checklist';
}
