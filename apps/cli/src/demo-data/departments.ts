/**
 * The divisions of a provincial Sở Giáo dục và Đào tạo (demo). Agency codes follow the shape of
 * the electronic identifiers of QĐ 20/2020/QĐ-TTg (unit.unit.agency.province) under the demo
 * province H00, which does not exist: replace them with the province's real identifiers.
 */
export interface DemoDepartment {
  code: string;
  name: string;
  agencyCode: string;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'VP', name: 'Văn phòng Sở', agencyCode: '000.01.12.H00' },
  { code: 'TCCB', name: 'Phòng Tổ chức cán bộ', agencyCode: '000.02.12.H00' },
  { code: 'GDMN', name: 'Phòng Giáo dục Mầm non', agencyCode: '000.03.12.H00' },
  { code: 'GDTH', name: 'Phòng Giáo dục Tiểu học', agencyCode: '000.04.12.H00' },
  { code: 'GDTRH', name: 'Phòng Giáo dục Trung học', agencyCode: '000.05.12.H00' },
  {
    code: 'GDTX-GDNN',
    name: 'Phòng Giáo dục thường xuyên – Giáo dục nghề nghiệp',
    agencyCode: '000.06.12.H00',
  },
  {
    code: 'KTKD',
    name: 'Phòng Khảo thí và Kiểm định chất lượng giáo dục',
    agencyCode: '000.07.12.H00',
  },
  { code: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', agencyCode: '000.08.12.H00' },
  { code: 'TTRA', name: 'Thanh tra Sở', agencyCode: '000.09.12.H00' },
];
