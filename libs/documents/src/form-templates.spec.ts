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
    [LegalBasis.Tt03of2025, FormKind.StopNotice, '05'],
  ])('%s: %s is Mẫu số %s', (basis, kind, number) => {
    expect(formTemplate(kind, basis).number).toBe(number);
    expect(templateByNumber(basis, number)?.kind).toBe(kind);
  });

  it('does not confuse the numbering of the two circulars', () => {
    // Mẫu 05 of TT 03/2025 is the notice of stopping processing, of TT 01/2018 the control sheet.
    expect(templateByNumber(LegalBasis.Tt03of2025, '05')?.kind).toBe(FormKind.StopNotice);
    expect(templateByNumber(LegalBasis.Tt01of2018, '05')?.kind).toBe(FormKind.ControlSheet);
    expect(templateByNumber(LegalBasis.Tt01of2018, '06')).toBeUndefined();
  });

  it('stops a dossier received under TT 01/2018 with the TT 03/2025 notice, which it lacks', () => {
    expect(formTemplate(FormKind.StopNotice, LegalBasis.Tt01of2018)).toMatchObject({
      basis: LegalBasis.Tt03of2025,
      number: '05',
    });
  });

  it.each([
    ['2025-06-30', LegalBasis.Tt01of2018],
    ['2025-07-01', LegalBasis.Tt03of2025],
    ['2026-03-05', LegalBasis.Tt03of2025],
  ])('a dossier received on %s is documented under %s', (date, basis) => {
    expect(legalBasisOn(date)).toBe(basis);
  });
});
