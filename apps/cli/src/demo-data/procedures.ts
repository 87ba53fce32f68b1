import type { OnlineLevel } from '@app/database';
import type { TimeLimitUnit } from '@app/domain';

/**
 * About twenty real procedures handled by a provincial Sở GD&ĐT, for the demo catalog.
 *
 * Honesty rules for this file:
 * - `code` is the code in the national TTHC database (CSDL quốc gia về TTHC) only where it was
 *   checked against a published source (named in the row's comment). Where it could not be
 *   checked, the row uses a PLACEHOLDER code 9.9000xx, a range the national database does not
 *   use, and says so in `source`: look the real code up before using the data for real.
 * - `timeLimit` is the published figure where its legal basis is known; otherwise the `source`
 *   ends with "cần đối chiếu" (to be checked). Decree 46/2017/NĐ-CP was replaced by Decree
 *   125/2024/NĐ-CP; limits quoted from the older text need checking against the newer one.
 * - Fees are 0: charges are set per province (HĐND tỉnh) and by the Ministry of Finance.
 * - onlineLevel / eligibleFullOnline / onNationalPortal are demo settings, not published facts.
 */
export interface DemoProcedure {
  code: string;
  name: string;
  departmentCode: string;
  timeLimit: { value: number; unit: TimeLimitUnit };
  onlineLevel: OnlineLevel;
  feeVnd: number;
  eligibleFullOnline: boolean;
  onNationalPortal: boolean;
  source: string;
}

const PLACEHOLDER = 'Mã tạm của dữ liệu demo (chưa đối chiếu mã trên CSDL quốc gia về TTHC)';

export const DEMO_PROCEDURES: readonly DemoProcedure[] = [
  // Code 1.010020 seen in a district-level catalogue (QĐ 1651/QĐ-UBND, "Cấp bản sao văn bằng,
  // chứng chỉ từ sổ gốc", Phòng GD&ĐT); whether the provincial row shares it is unchecked.
  // Same day (0 working days; after 15:00 the next working day): Nghị định 23/2015/NĐ-CP Điều
  // 16 and the same-day rule repeated on provincial portals.
  {
    code: '1.010020',
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
    departmentCode: 'KTKD',
    timeLimit: { value: 0, unit: 'working_days' },
    onlineLevel: 'full',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source:
      'NĐ 23/2015/NĐ-CP Điều 16; TT 21/2019/TT-BGDĐT. Trong ngày (nhận sau 15 giờ: ngày làm việc tiếp theo). Mã 1.010020 theo danh mục cấp huyện, cấp tỉnh cần đối chiếu',
  },
  // Code and 5 working days checked on the Quảng Trị and Bình Phước provincial portals
  // (2.001914.000.00.00.H50 / .H10), basis TT 19/2015 → TT 21/2019/TT-BGDĐT.
  {
    code: '2.001914',
    name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    departmentCode: 'KTKD',
    timeLimit: { value: 5, unit: 'working_days' },
    onlineLevel: 'full',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: 'TT 21/2019/TT-BGDĐT (Quy chế quản lý văn bằng, chứng chỉ); mã 2.001914',
  },
  // DVCQG still lists 15 working days (older TT 26/2013 text); the current rules
  // (TT 13/2021/TT-BGDĐT) give 20 working days, longer when verification abroad is needed.
  {
    code: '9.900001',
    name: 'Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở giáo dục nước ngoài cấp',
    departmentCode: 'KTKD',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `TT 13/2021/TT-BGDĐT: 20 ngày làm việc, kéo dài nếu cần xác minh (Cổng DVCQG còn ghi 15 ngày theo quy định cũ); ${PLACEHOLDER}; cần đối chiếu`,
  },
  // The exam regulations and each year's guidance set the re-marking calendar; 15 days is an
  // estimate, unchecked.
  {
    code: '9.900002',
    name: 'Phúc khảo bài thi tốt nghiệp trung học phổ thông',
    departmentCode: 'KTKD',
    timeLimit: { value: 15, unit: 'calendar_days' },
    onlineLevel: 'full',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `Quy chế thi tốt nghiệp THPT hiện hành (Bộ GD&ĐT); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  // Decree 46/2017 Art. 33 as amended by 135/2018: 20 working days (from memory).
  {
    code: '9.900003',
    name: 'Cho phép trường trung học phổ thông hoạt động giáo dục',
    departmentCode: 'GDTRH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP (sửa đổi bởi NĐ 135/2018/NĐ-CP), nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; cần đối chiếu`,
  },
  // Same basis (Art. 31–32): the Sở appraises, the provincial People's Committee decides.
  {
    code: '9.900004',
    name: 'Thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục',
    departmentCode: 'GDTRH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP (sửa đổi bởi NĐ 135/2018/NĐ-CP), nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; cần đối chiếu`,
  },
  {
    code: '9.900005',
    name: 'Cho phép trường trung học phổ thông hoạt động giáo dục trở lại',
    departmentCode: 'GDTRH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP, nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900006',
    name: 'Sáp nhập, chia, tách trường trung học phổ thông',
    departmentCode: 'GDTRH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `NĐ 46/2017/NĐ-CP, nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900007',
    name: 'Giải thể trường trung học phổ thông (theo đề nghị của tổ chức, cá nhân đề nghị thành lập trường)',
    departmentCode: 'GDTRH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `NĐ 46/2017/NĐ-CP, nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  // Largely delegated to school principals (QĐ 1015/QĐ-TTg 2022); the 3-day figure is unchecked.
  {
    code: '9.900008',
    name: 'Chuyển trường đối với học sinh trung học phổ thông',
    departmentCode: 'GDTRH',
    timeLimit: { value: 3, unit: 'working_days' },
    onlineLevel: 'full',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `TT 50/2021/TT-BGDĐT; QĐ 1015/QĐ-TTg ngày 30/5/2022 (phân cấp cho hiệu trưởng); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900009',
    name: 'Xin học lại tại trường khác đối với học sinh trung học',
    departmentCode: 'GDTRH',
    timeLimit: { value: 3, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `TT 50/2021/TT-BGDĐT; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  // Abolished when TT 29/2024/TT-BGDĐT took effect (14/02/2025): extra classes no longer need a
  // permit. Kept to show an old catalog entry; do not receive applications under it.
  {
    code: '9.900010',
    name: 'Cho phép tổ chức hoạt động dạy thêm, học thêm đối với cấp trung học phổ thông',
    departmentCode: 'GDTRH',
    timeLimit: { value: 10, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `TT 17/2012/TT-BGDĐT; đã bãi bỏ từ 14/02/2025 theo TT 29/2024/TT-BGDĐT (giữ để minh họa); ${PLACEHOLDER}`,
  },
  // 15 working days: NĐ 46/2017 as amended by NĐ 135/2018 (confirmed by a LuatVietnam summary).
  {
    code: '9.900011',
    name: 'Thành lập trung tâm ngoại ngữ, tin học',
    departmentCode: 'GDTX-GDNN',
    timeLimit: { value: 15, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP sửa đổi bởi NĐ 135/2018/NĐ-CP: 15 ngày làm việc (nay NĐ 125/2024/NĐ-CP); ${PLACEHOLDER}`,
  },
  {
    code: '9.900012',
    name: 'Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục',
    departmentCode: 'GDTX-GDNN',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP, nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900013',
    name: 'Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp – giáo dục thường xuyên',
    departmentCode: 'GDTX-GDNN',
    timeLimit: { value: 10, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `NĐ 143/2016/NĐ-CP (sửa đổi bởi NĐ 24/2022/NĐ-CP); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900014',
    name: 'Cấp giấy chứng nhận đủ điều kiện hoạt động dịch vụ tư vấn du học',
    departmentCode: 'GDTX-GDNN',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    source: `NĐ 46/2017/NĐ-CP (sửa đổi bởi NĐ 135/2018/NĐ-CP), nay NĐ 125/2024/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  // Recognition by the provincial People's Committee after the Sở's appraisal.
  {
    code: '9.900015',
    name: 'Công nhận trường trung học đạt chuẩn quốc gia',
    departmentCode: 'KTKD',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `TT 18/2018/TT-BGDĐT (sửa đổi bởi TT 22/2024/TT-BGDĐT); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900016',
    name: 'Công nhận trường mầm non đạt chuẩn quốc gia',
    departmentCode: 'GDMN',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `TT 19/2018/TT-BGDĐT (sửa đổi bởi TT 22/2024/TT-BGDĐT); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900017',
    name: 'Công nhận trường tiểu học đạt chuẩn quốc gia',
    departmentCode: 'GDTH',
    timeLimit: { value: 20, unit: 'working_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `TT 17/2018/TT-BGDĐT (sửa đổi bởi TT 22/2024/TT-BGDĐT); ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  {
    code: '9.900018',
    name: 'Xét, cấp học bổng chính sách',
    departmentCode: 'KHTC',
    timeLimit: { value: 10, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: true,
    source: `NĐ 84/2020/NĐ-CP; ${PLACEHOLDER}; thời hạn cần đối chiếu`,
  },
  // Luật Khiếu nại 2011 Art. 28: at most 30 days from acceptance (45 for complex cases).
  {
    code: '9.900019',
    name: 'Giải quyết khiếu nại lần đầu tại Sở Giáo dục và Đào tạo',
    departmentCode: 'TTRA',
    timeLimit: { value: 30, unit: 'calendar_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `Luật Khiếu nại 2011 Điều 28: không quá 30 ngày kể từ ngày thụ lý (vụ phức tạp 45 ngày); ${PLACEHOLDER}`,
  },
  // Luật Tố cáo 2018 Art. 30: at most 30 days from acceptance, extendable.
  {
    code: '9.900020',
    name: 'Giải quyết tố cáo tại Sở Giáo dục và Đào tạo',
    departmentCode: 'TTRA',
    timeLimit: { value: 30, unit: 'calendar_days' },
    onlineLevel: 'none',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: false,
    source: `Luật Tố cáo 2018 Điều 30: không quá 30 ngày kể từ ngày thụ lý (có thể gia hạn); ${PLACEHOLDER}`,
  },
];
