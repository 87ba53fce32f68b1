/**
 * The accent-free, lower-case form used to search names: staff type "nguyen van a" or
 * "Nguyễn Văn A" and find the same application.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
