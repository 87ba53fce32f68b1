import {
  FormKind,
  formTemplate,
  LegalBasis,
  legalBasisOn,
  templateByNumber,
} from './form-templates';

describe('form templates keyed by (legal basis, form number)', () => {
  it.each([
    [LegalBasis.Tt01of2018, FormKind.Receipt, '01'],
    [LegalBasis.Tt01of2018, FormKind.SupplementRequest, '02'],
    [LegalBasis.Tt01of2018, FormKind.Refusal, '03'],
    [LegalBasis.Tt01of2018, FormKind.Apology, '04'],
    [LegalBasis.Tt01of2018, FormKind.ControlSheet, '05'],
    [LegalBasis.Tt03of2025, FormKind.ControlSheet, '06'],
  ])('%s: %s is Mẫu số %s', (basis, kind, number) => {
    expect(formTemplate(kind, basis).number).toBe(number);
    expect(templateByNumber(basis, number)?.kind).toBe(kind);
  });

  it('does not confuse the numbering of the two circulars', () => {
    // Mẫu 05 of TT 03/2025 is the notice of stopping processing, not a form rendered here.
    expect(templateByNumber(LegalBasis.Tt03of2025, '05')).toBeUndefined();
    expect(templateByNumber(LegalBasis.Tt01of2018, '06')).toBeUndefined();
  });

  it.each([
    ['2025-06-30', LegalBasis.Tt01of2018],
    ['2025-07-01', LegalBasis.Tt03of2025],
    ['2026-03-05', LegalBasis.Tt03of2025],
  ])('a dossier received on %s is documented under %s', (date, basis) => {
    expect(legalBasisOn(date)).toBe(basis);
  });
});
