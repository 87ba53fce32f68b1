import { Role } from '@app/domain';
import { DEMO_DEPARTMENTS } from './departments';

export interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  departmentCode: string | null;
}

// Made-up names, one officer and one head per division, so that every department's demo
// history is handled by its own staff (officers and heads act only within their department).
const NAMES: ReadonlyArray<[officer: string, head: string]> = [
  ['Đỗ Thị Minh Thư', 'Ngô Quang Vinh'],
  ['Hoàng Văn Nam', 'Bùi Thị Thanh Hương'],
  ['Vũ Thị Ngọc Anh', 'Đặng Văn Long'],
  ['Phan Thị Thu Hà', 'Nguyễn Hữu Thắng'],
  ['Mai Thị Phương Thảo', 'Tạ Đình Khoa'],
  ['Dương Thị Lan', 'Hồ Công Tuấn'],
  ['Lý Thị Quỳnh Chi', 'Trương Văn Sơn'],
  ['Huỳnh Thanh Tùng', 'Võ Thị Mai'],
  ['Đinh Thị Hạnh', 'Phạm Xuân Trường'],
];

/** `chuyenvien_gdtx_gdnn`: usernames stay lowercase ASCII, as people type them at login. */
function slug(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/**
 * An officer and a head for each division. The Phòng Giáo dục Trung học already has the
 * README's `chuyenvien` and `truongphong`, so it gets no second pair.
 */
export const DEPARTMENT_STAFF: readonly DemoUser[] = DEMO_DEPARTMENTS.filter(
  (d) => d.code !== 'GDTRH',
).flatMap((d, i) => {
  const [officer, head] = NAMES[i % NAMES.length];
  return [
    {
      username: `chuyenvien_${slug(d.code)}`,
      fullName: officer,
      role: Role.Officer,
      departmentCode: d.code,
    },
    {
      username: `truongphong_${slug(d.code)}`,
      fullName: head,
      role: Role.Head,
      departmentCode: d.code,
    },
  ];
});
