// @ts-check
// The public PAKN form (no login): a citizen sends feedback or a petition and gets its code and
// the date an answer is due.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { formatDateTime } from '../format.js';
import { Link, location } from '../router.js';
import { PetitionForm } from '../components/petitions/petition-form.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

export function PetitionFormPage() {
  const [done, setDone] = useState(/** @type {ApiObject | null} */ (null));
  useEffect(() => {
    document.title = 'Gửi phản ánh, kiến nghị — Một cửa';
  }, []);
  return html`<div class="page page--narrow">
    <h1>Gửi phản ánh, kiến nghị</h1>
    ${
      done
        ? html`<div class="card" role="status">
            <p>Sở Giáo dục và Đào tạo đã nhận phản ánh, kiến nghị của ông/bà.</p>
            <p>
              Mã phản ánh: <strong class="code" data-testid="petition-code">${done.code}</strong>
            </p>
            <p>Tình trạng: ${done.statusLabel}</p>
            <p>Tiếp nhận lúc: ${formatDateTime(done.receivedAt)}</p>
            <p>
              Hạn trả lời:
              <strong data-testid="petition-answer-due">${formatDateTime(done.answerDueAt)}</strong>
            </p>
            <p class="muted">
              Câu trả lời được gửi theo địa chỉ ông/bà đã ghi. Nếu ông/bà đồng ý công khai, câu trả
              lời (đã ẩn thông tin cá nhân) được đăng tại
              <${Link} href="/app/tra-loi-phan-anh-kien-nghi">trang trả lời phản ánh, kiến nghị<//>.
            </p>
          </div>`
        : html`<p>
              Phản ánh về quy định hành chính, thủ tục hành chính và cách cán bộ, cơ quan giải quyết
              thủ tục. Khiếu nại, tố cáo được giải quyết theo kênh riêng, không qua biểu mẫu này.
              Xem
              <${Link} href="/app/tra-loi-phan-anh-kien-nghi">các câu trả lời đã công khai<//>.
            </p>
            <${PetitionForm}
              applicationCode=${location.value.query.get('ho-so') ?? ''}
              onDone=${setDone}
            />`
    }
  </div>`;
}
