import { changedKeys, referencedObjects, topLevelEntries } from './pdf-dictionary';

describe('topLevelEntries: a PDF dictionary by its top-level keys', () => {
  it('reads names, references, nested dictionaries, arrays and strings whole', () => {
    const d = topLevelEntries(
      '<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 5 0 R >> >> /T (a (nested) \\) string) /H <0A0B> /Annots [7 0 R 8 0 R] >>',
    );
    expect([...d.keys()]).toEqual(['Type', 'Parent', 'MediaBox', 'Resources', 'T', 'H', 'Annots']);
    expect(d.get('Type')).toBe('/Page');
    expect(d.get('Resources')).toBe('<< /Font << /F1 5 0 R >> >>');
    expect(d.get('T')).toBe('(a (nested) \\) string)');
    expect(referencedObjects(d.get('Annots'))).toEqual([7, 8]);
  });

  it('changedKeys names what differs, added and removed keys included', () => {
    const before = topLevelEntries('<< /Type /Catalog /Pages 2 0 R /Lang (vi) >>');
    const after = topLevelEntries('<</Type/Catalog/Pages 3 0 R/DSS 9 0 R>>');
    expect(changedKeys(before, after).sort()).toEqual(['DSS', 'Lang', 'Pages']);
    expect(
      changedKeys(before, topLevelEntries('<<\n/Type /Catalog\n/Pages 2 0 R\n/Lang (vi)\n>>')),
    ).toEqual([]);
  });
});
