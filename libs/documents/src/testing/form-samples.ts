import type {
  ApologyData,
  ApplicantData,
  ControlSheetData,
  FormBase,
  ReceiptData,
  RefusalData,
  StopNoticeData,
  SupplementRequestData,
} from '../document-data';
import { LegalBasis } from '../form-templates';

// Builders for form data in tests: each test states what it checks through overrides.

/** Has every letter the fonts must draw: ầ ẫ ặ ự ỗ đ Đ. */
export const ADDRESS_WITH_DIACRITICS = 'Số 8 ngõ Hầm Dẫn, phường Đặng Tự, đường Đỗ Nhuận';

export const applicant = (overrides: Partial<ApplicantData> = {}): ApplicantData => ({
  fullName: 'Nguyễn Thị Hằng',
  kind: 'person',
  address: ADDRESS_WITH_DIACRITICS,
  phone: '0912345678',
  email: 'hang.nguyen@example.vn',
  ...overrides,
});

const formBase = (overrides: Partial<FormBase> = {}): FormBase => ({
  organization: { provinceName: 'tỉnh Ninh Bình', agencyName: 'Sở Giáo dục và Đào tạo' },
  legalBasis: LegalBasis.Tt01of2018,
  // 08:30 on 5 March 2026 in Hà Nội.
  issuedAt: new Date('2026-03-05T01:30:00Z'),
  code: 'SGDDT-260305-0001',
  ...overrides,
});

export const receiptData = (overrides: Partial<ReceiptData> = {}): ReceiptData => ({
  ...formBase(overrides),
  receivingUnit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  applicant: applicant(),
  matter: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  documents: [
    { name: 'Đơn đề nghị chỉnh sửa nội dung văn bằng', copies: 1 },
    { name: 'Bản sao chứng thực giấy khai sinh', copies: 2 },
  ],
  sets: 1,
  timeLimit: { value: 5, unit: 'working_days' },
  receivedAt: new Date('2026-03-05T01:30:00Z'),
  // 17:00 on 12 March 2026 in Hà Nội.
  appointmentAt: new Date('2026-03-12T10:00:00Z'),
  resultPlace: 'Bộ phận Một cửa – Sở Giáo dục và Đào tạo',
  logbookEntry: 'SGDDT-260305-0001',
  receivingOfficer: 'Trần Văn Đức',
  statusUrl: 'https://motcua.example.vn/app/tra-cuu?code=SGDDT-260305-0001',
  ...overrides,
});

export const supplementRequestData = (
  overrides: Partial<SupplementRequestData> = {},
): SupplementRequestData => ({
  ...formBase(overrides),
  unit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  applicant: applicant(),
  matter: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  items: ['Bản sao chứng thực căn cước công dân', 'Bản chính bằng tốt nghiệp cần chỉnh sửa'],
  reason: 'Hồ sơ thiếu giấy tờ chứng minh nhân thân',
  contact: 'ông/bà Lê Văn Phúc, Phòng Khảo thí và Quản lý chất lượng giáo dục',
  guidingOfficer: 'Lê Văn Phúc',
  ...overrides,
});

export const refusalData = (overrides: Partial<RefusalData> = {}): RefusalData => ({
  ...formBase(overrides),
  unit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  applicant: applicant(),
  matter: 'Cấp bản sao văn bằng từ sổ gốc',
  reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở', 'Đã được giải quyết trước đây'],
  officer: 'Trần Văn Đức',
  ...overrides,
});

export const apologyData = (overrides: Partial<ApologyData> = {}): ApologyData => ({
  ...formBase(overrides),
  addressee: 'Ông/Bà Nguyễn Thị Hằng',
  you: 'ông/bà',
  receivingAgency: 'Sở Giáo dục và Đào tạo',
  responsibleAgency: 'Phòng Giáo dục Trung học',
  receivedAt: new Date('2026-03-05T01:30:00Z'),
  originalDueAt: new Date('2026-03-12T10:00:00Z'),
  reason: 'Phải xin ý kiến cơ quan phối hợp',
  newDueAt: new Date('2026-03-20T10:00:00Z'),
  signerTitle: 'Thủ trưởng cơ quan',
  signerName: null,
  ...overrides,
});

export const controlSheetData = (overrides: Partial<ControlSheetData> = {}): ControlSheetData => ({
  ...formBase(overrides),
  receiptNumber: 'SGDDT-260305-0001',
  leadAgency: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  coordinatingAgencies: [],
  rows: [
    {
      giver: 'Người nộp hồ sơ (Nguyễn Thị Hằng)',
      receiver: 'Bộ phận Một cửa (Trần Văn Đức)',
      at: new Date('2026-03-05T01:30:00Z'),
      action: 'Tiếp nhận hồ sơ',
      result: null,
      note: 'Hẹn trả: 12/03/2026',
    },
    {
      giver: 'Bộ phận Một cửa',
      receiver: 'Phòng Khảo thí và Quản lý chất lượng giáo dục (Lê Văn Phúc)',
      at: new Date('2026-03-05T03:15:00Z'),
      action: 'Chuyển hồ sơ để giải quyết',
      result: null,
      note: null,
    },
    {
      giver: 'Phòng Khảo thí và Quản lý chất lượng giáo dục (Lê Văn Phúc)',
      receiver: 'Bộ phận Một cửa',
      at: new Date('2026-03-11T08:00:00Z'),
      action: 'Chuyển kết quả giải quyết',
      result: 'early',
      note: null,
    },
  ],
  ...overrides,
});

export const stopNoticeData = (overrides: Partial<StopNoticeData> = {}): StopNoticeData => ({
  ...formBase({ legalBasis: LegalBasis.Tt03of2025, ...overrides }),
  addressee: 'Trường THPT Chuyên Lương Văn Tụy',
  you: 'quý cơ quan',
  receivingAgency: 'Sở Giáo dục và Đào tạo',
  receivedAt: new Date('2026-03-05T01:30:00Z'),
  matter: 'Cho phép trường trung học phổ thông hoạt động giáo dục',
  stoppingUnit: 'Phòng Giáo dục Trung học',
  stoppedAt: new Date('2026-04-10T02:00:00Z'),
  reasonLabel: 'Người nộp hồ sơ không bổ sung, hoàn thiện hồ sơ theo yêu cầu',
  reasonDetail: 'Quá thời hạn bổ sung hồ sơ.',
  signerTitle: 'Giám đốc',
  signerName: 'Phạm Văn Minh',
  ...overrides,
});
