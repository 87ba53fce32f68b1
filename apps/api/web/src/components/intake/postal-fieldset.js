// @ts-check
import { html } from '../../html.js';
import { Field } from '../field.js';
import { fieldId } from './intake-request.js';

/**
 * The postal channel's part of the desk form: the hand-over record (biên bản giao nhận) signed
 * with the post office — its signature is the legal reception time, from which the appointment
 * is computed — and the sender's address as on the Phiếu gửi.
 */
export function PostalFieldset({ form, errors, onField }) {
  const input = (field, key, label, extra = {}) => html`
    <${Field}
      id=${fieldId(field)}
      label=${label}
      required=${extra.required}
      error=${errors[field]}
      hint=${extra.hint}
      className=${extra.className ?? ''}
    >
      ${(a) =>
        html`<input
          ...${a}
          type=${extra.type ?? 'text'}
          autocomplete="off"
          value=${form[key]}
          onInput=${(event) => onField(field, key, event.currentTarget.value)}
        />`}
    <//>
  `;
  return html`
    <fieldset class="group" data-testid="postal-handover">
      <legend>Biên bản giao nhận với bưu điện</legend>
      <p class="hint">
        Thời điểm tiếp nhận hồ sơ là thời điểm ký biên bản giao nhận, không phải lúc nhập vào hệ
        thống; ngày hẹn trả được tính từ thời điểm đó.
      </p>
      <div class="grid">
        ${input('handOver.number', 'handOverNumber', 'Số biên bản', { required: true })}
        ${input('handOver.signedAt', 'handOverSignedAt', 'Thời điểm ký (giờ Việt Nam)', {
          required: true,
          type: 'datetime-local',
        })}
        ${input('handOver.signedBy', 'handOverSignedBy', 'Nhân viên bưu điện ký', {
          required: true,
          className: 'field--wide',
        })}
        ${input('trackingCode', 'trackingCode', 'Mã bưu gửi trên phong bì', {
          hint: 'Để trống: lấy mã tiếp theo trong kho mã của Sở.',
        })}
      </div>
    </fieldset>
    <fieldset class="group">
      <legend>Địa chỉ người gửi (theo Phiếu gửi)</legend>
      <div class="grid">
        ${input('sender.street', 'senderStreet', 'Số nhà, đường', {
          required: true,
          className: 'field--wide',
        })}
        ${input('sender.commune', 'senderCommune', 'Xã/phường', { required: true })}
        ${input('sender.district', 'senderDistrict', 'Quận/huyện (nếu có)')}
        ${input('sender.province', 'senderProvince', 'Tỉnh/thành phố', { required: true })}
      </div>
    </fieldset>
  `;
}
