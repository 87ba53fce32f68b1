import { checkChecklist, DocumentForm as F, type RequiredDocument } from './document-checklist';

const doc = (id: string, active = true): RequiredDocument => ({
  id,
  name: `Giấy tờ ${id}`,
  form: F.Copy,
  copies: 1,
  active,
});
const REQUIRED = [doc('a'), doc('b'), doc('old', false), doc('c')];

describe('checkChecklist', () => {
  it('keeps the procedure order and names what is missing', () => {
    const out = checkChecklist(REQUIRED, [
      { documentId: 'c', form: F.Original, copies: 2 },
      { documentId: 'a', form: F.Copy, copies: 1 },
    ]);
    expect(out.problems).toEqual([]);
    expect(out.received).toEqual([
      { procedureDocumentId: 'a', name: 'Giấy tờ a', form: F.Copy, copies: 1 },
      { procedureDocumentId: 'c', name: 'Giấy tờ c', form: F.Original, copies: 2 },
    ]);
    expect(out.missing.map((d) => d.id)).toEqual(['b']);
  });

  it.each([
    [
      'a document of another procedure',
      [{ documentId: 'x', form: F.Copy, copies: 1 }],
      'checklist[0].documentId',
    ],
    [
      'a document no longer asked for',
      [{ documentId: 'old', form: F.Copy, copies: 1 }],
      'checklist[0].documentId',
    ],
    [
      'the same document twice',
      [
        { documentId: 'a', form: F.Copy, copies: 1 },
        { documentId: 'a', form: F.Original, copies: 1 },
      ],
      'checklist[1].documentId',
    ],
    ['no copies', [{ documentId: 'a', form: F.Copy, copies: 0 }], 'checklist[0].copies'],
    ['100 copies', [{ documentId: 'a', form: F.Copy, copies: 100 }], 'checklist[0].copies'],
    ['half a copy', [{ documentId: 'a', form: F.Copy, copies: 1.5 }], 'checklist[0].copies'],
    ['an unknown form', [{ documentId: 'a', form: 'scan' as F, copies: 1 }], 'checklist[0].form'],
  ])('refuses %s, naming the field', (_case, checklist, field) => {
    expect(checkChecklist(REQUIRED, checklist).problems.map((p) => p.field)).toEqual([field]);
  });

  it('accepts the bounds 1 and 99', () => {
    const out = checkChecklist(REQUIRED, [
      { documentId: 'a', form: F.Copy, copies: 1 },
      { documentId: 'b', form: F.Copy, copies: 99 },
      { documentId: 'c', form: F.Copy, copies: 3 },
    ]);
    expect(out.problems).toEqual([]);
    expect(out.missing).toEqual([]);
  });
});
