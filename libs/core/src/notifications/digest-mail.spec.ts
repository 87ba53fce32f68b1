import { DIGEST_LISTED_ITEMS, digestMail } from './digest-mail';

const digest = (total: number) => ({
  userId: 'u1',
  email: 'canbo@example.vn',
  fullName: 'Nguyễn Thị Hoa',
  items: Array.from({ length: Math.min(total, DIGEST_LISTED_ITEMS) }, (_, i) => ({
    id: String(i + 1),
    title: `Hồ sơ số ${i + 1} sắp đến hạn`,
    body: 'Còn 1 ngày làm việc',
  })),
  total,
  throughId: String(total),
});

describe('digestMail', () => {
  it('lists every item when there are few, with no "more" line', () => {
    const mail = digestMail(digest(2));
    expect(mail.subject).toBe('[Một cửa] 2 hồ sơ cần xử lý');
    expect(mail.text).toContain('Kính gửi Nguyễn Thị Hoa,');
    expect(mail.text).toContain('2. Hồ sơ số 2 sắp đến hạn');
    expect(mail.text).not.toContain('thông báo khác');
  });

  it('lists the oldest items of a backlog and counts the rest', () => {
    const mail = digestMail(digest(830));
    expect(mail.subject).toBe('[Một cửa] 830 hồ sơ cần xử lý');
    expect(mail.text).toContain(`${DIGEST_LISTED_ITEMS}. Hồ sơ số ${DIGEST_LISTED_ITEMS} `);
    expect(mail.text).not.toContain(`${DIGEST_LISTED_ITEMS + 1}. `);
    expect(mail.text).toContain(
      `… và ${830 - DIGEST_LISTED_ITEMS} thông báo khác: xem đầy đủ tại mục Thông báo trên hệ thống.`,
    );
  });
});
