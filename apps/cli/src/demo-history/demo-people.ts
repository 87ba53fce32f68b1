import { DemoRandom } from './demo-random';

// Family names with their rough share of the population (Nguyễn alone is about 38 %).
const FAMILY = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2],
  ['Phan', 4.5],
  ['Vũ', 2.5],
  ['Võ', 1.5],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.5],
  ['Trương', 0.5],
] as const;
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Xuân', 'Anh', 'Tuấn'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Hồng', 'Thùy', 'Kim'];
const GIVEN_MALE = [
  'Anh',
  'Bảo',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hoàng',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Vinh',
  'Việt',
];
const GIVEN_FEMALE = [
  'An',
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Phương',
  'Quỳnh',
  'Thảo',
  'Trang',
  'Vy',
  'Yến',
  'Nhi',
];
const STREETS = [
  'Trần Hưng Đạo',
  'Lê Lợi',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Phan Đình Phùng',
  'Nguyễn Trãi',
  'Hùng Vương',
  'Lê Duẩn',
  'Điện Biên Phủ',
  'Võ Thị Sáu',
];
const WARDS = [
  'phường Hòa Bình',
  'phường Tân Tiến',
  'phường Đông Thành',
  'phường Nam Sơn',
  'phường Bắc Hà',
  'xã Đông Sơn',
  'xã Hòa Phú',
  'xã Tân Lập',
  'xã Yên Thịnh',
  'xã Phú Lộc',
  'xã Quảng Phú',
];
const MOBILE_PREFIXES = [
  '032',
  '033',
  '035',
  '038',
  '070',
  '077',
  '081',
  '083',
  '086',
  '090',
  '091',
  '094',
  '096',
  '097',
  '098',
];

export interface DemoApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** A Vietnamese full name (family, middle, given), diacritics in NFC as the API stores them. */
export function vietnameseName(rng: DemoRandom): string {
  const family = rng.weighted(
    FAMILY.map(([name]) => name),
    FAMILY.map(([, share]) => share),
  );
  const male = rng.chance(0.5);
  const middle = rng.pick(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  return `${family} ${middle} ${given}`.normalize('NFC');
}

/**
 * A made-up applicant. The ID number has the shape of a 12-digit CCCD (province code 0xx, a
 * sex/century digit, two digits of birth year), the phone a Vietnamese mobile prefix; neither
 * belongs to a real person as far as anyone can tell, which is the point of demo data.
 */
export function demoApplicant(rng: DemoRandom, provinceName: string): DemoApplicant {
  const birthYear = rng.int(1965, 2007);
  const idNumber =
    `0${rng.digits(2)}` +
    String((birthYear >= 2000 ? 2 : 0) + rng.int(0, 1)) +
    String(birthYear % 100).padStart(2, '0') +
    rng.digits(6);
  return {
    fullName: vietnameseName(rng),
    idNumber,
    phone: rng.pick(MOBILE_PREFIXES) + rng.digits(7),
    address: `Số ${rng.int(1, 250)}, đường ${rng.pick(STREETS)}, ${rng.pick(WARDS)}, ${provinceName}`,
  };
}
