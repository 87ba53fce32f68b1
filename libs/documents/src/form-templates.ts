import { compareLocalDates, type LocalDate } from '@app/domain';

/** The circular that prescribes the forms. Values are printed on the forms. */
export enum LegalBasis {
  Tt01of2018 = 'Thông tư 01/2018/TT-VPCP',
  Tt03of2025 = 'Thông tư 03/2025/TT-VPCP',
}

/** The documents this library renders; values name the files (`receipt.pdf` …). */
export enum FormKind {
  Receipt = 'receipt',
  SupplementRequest = 'supplement-request',
  Refusal = 'refusal',
  Apology = 'apology',
  ControlSheet = 'control-sheet',
  StopNotice = 'stop-notice',
}

export interface FormTemplate {
  basis: LegalBasis;
  /** "01" … as in "Mẫu số 01". */
  number: string;
  kind: FormKind;
  /** The title in sentence case (metadata, file names); printed in capitals on the form. */
  title: string;
}

const TITLES: Record<FormKind, string> = {
  [FormKind.Receipt]: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  [FormKind.SupplementRequest]: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  [FormKind.Refusal]: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  [FormKind.Apology]: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  [FormKind.ControlSheet]: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  [FormKind.StopNotice]: 'Thông báo dừng giải quyết hồ sơ',
};

// Numbering differs between the circulars (domain spec section 5), so templates are keyed by
// (legal basis, form number). TT 03/2025 numbers come from one secondary source (unconfirmed);
// its field lists are taken as those of TT 01/2018 until the gazette layout is checked.
// TT 01/2018 has no stop notice: a dossier received under it is stopped with the current form.
const NUMBERS: Record<LegalBasis, Partial<Record<FormKind, string>>> = {
  [LegalBasis.Tt01of2018]: {
    [FormKind.Receipt]: '01',
    [FormKind.SupplementRequest]: '02',
    [FormKind.Refusal]: '03',
    [FormKind.Apology]: '04',
    [FormKind.ControlSheet]: '05',
  },
  [LegalBasis.Tt03of2025]: {
    [FormKind.Receipt]: '01',
    [FormKind.SupplementRequest]: '02',
    [FormKind.Refusal]: '03',
    [FormKind.Apology]: '04',
    [FormKind.StopNotice]: '05',
    [FormKind.ControlSheet]: '06',
  },
};

const templateKey = (basis: LegalBasis, number: string) => `${basis}#${number}`;

const TEMPLATES = new Map<string, FormTemplate>(
  Object.values(LegalBasis).flatMap((basis) =>
    Object.values(FormKind).flatMap((kind): Array<[string, FormTemplate]> => {
      const number = NUMBERS[basis][kind];
      return number
        ? [[templateKey(basis, number), { basis, number, kind, title: TITLES[kind] }]]
        : [];
    }),
  ),
);

/** The template registered under (legal basis, form number), if any. */
export function templateByNumber(basis: LegalBasis, number: string): FormTemplate | undefined {
  return TEMPLATES.get(templateKey(basis, number));
}

/** The template of `kind` under `basis`, or under TT 03/2025 when `basis` has no such form. */
export function formTemplate(kind: FormKind, basis: LegalBasis): FormTemplate {
  const own = NUMBERS[basis][kind];
  return own
    ? templateByNumber(basis, own)!
    : templateByNumber(LegalBasis.Tt03of2025, NUMBERS[LegalBasis.Tt03of2025][kind]!)!;
}

/** TT 03/2025/TT-VPCP applies to dossiers received from this local date on. */
export const TT03_2025_FROM: LocalDate = '2025-07-01';

/** The circular whose forms a dossier received on `date` (local) is documented with. */
export function legalBasisOn(date: LocalDate): LegalBasis {
  return compareLocalDates(date, TT03_2025_FROM) < 0
    ? LegalBasis.Tt01of2018
    : LegalBasis.Tt03of2025;
}
