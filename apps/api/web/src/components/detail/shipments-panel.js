// @ts-check
// The application's postal shipments (bưu chính công ích): tracking code, status, the hand-over
// record and the timeline; for a result waiting for the post office, the form to record the
// hand-over (biên bản giao nhận) when the post office collects it.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { session } from '../../session.js';
import { Alert, Field } from '../field.js';
import { hanoiInstant } from '../intake/intake-request.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

const DIRECTION = { inbound: 'Hồ sơ gửi đến qua bưu điện', outbound: 'Kết quả gửi qua bưu điện' };
const DESK_ROLES = ['reception', 'admin'];

const FIELD_MESSAGES = {
  number: 'Nhập số biên bản (chữ, số, dấu . / _ -); số này chưa được dùng.',
  signedAt: 'Thời điểm ký không được ở tương lai.',
  signedBy: 'Nhập họ tên nhân viên bưu điện ký biên bản.',
};

function HandOverForm({ shipment, onDone }) {
  const [form, setForm] = useState({ number: '', signedAt: '', signedBy: '' });
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const id = (name) => `ho-${shipment.id.slice(0, 8)}-${name}`;
  const submit = async (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const missing = {};
    for (const key of ['number', 'signedAt', 'signedBy']) {
      if (!form[key].trim()) {
        missing[key] = FIELD_MESSAGES[key];
      }
    }
    setErrors(missing);
    if (Object.keys(missing).length) {
      setError('Vui lòng nhập đủ các ô bắt buộc.');
      return;
    }
    setSending(true);
    try {
      const updated = await api(`/postal/shipments/${shipment.id}/hand-over`, {
        method: 'POST',
        body: {
          number: form.number.trim(),
          signedAt: hanoiInstant(form.signedAt),
          signedBy: form.signedBy.trim(),
          version: shipment.version,
        },
      });
      onDone(updated);
    } catch (err) {
      /** @type {Record<string, string>} */
      const byField = {};
      for (const field of Object.keys(fieldErrors(err))) {
        byField[field] = FIELD_MESSAGES[field] ?? 'Giá trị không hợp lệ.';
      }
      setErrors(byField);
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  const input = (key, label, type = 'text') => html`
    <${Field} id=${id(key)} label=${label} required error=${errors[key]}>
      ${(a) =>
        html`<input
          ...${a}
          type=${type}
          autocomplete="off"
          value=${form[key]}
          onInput=${(e) => setForm({ ...form, [key]: e.currentTarget.value })}
        />`}
    <//>
  `;
  return html`
    <form
      class="handover-form"
      onSubmit=${submit}
      novalidate
      aria-label="Biên bản giao kết quả cho bưu điện"
    >
      <${Alert}>${error}<//>
      <div class="grid">
        ${input('number', 'Số biên bản giao nhận')}
        ${input('signedAt', 'Thời điểm ký (giờ Việt Nam)', 'datetime-local')}
        ${input('signedBy', 'Nhân viên bưu điện ký')}
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled=${sending}>
          ${sending ? 'Đang lưu…' : 'Ghi biên bản giao cho bưu điện'}
        </button>
      </div>
    </form>
  `;
}

/** One line of a Vietnamese postal address. */
const addressLine = (a) => [a.street, a.commune, a.district, a.province].filter(Boolean).join(', ');

function Shipment({ shipment, onChanged }) {
  const s = shipment;
  const canHandOver =
    s.direction === 'outbound' &&
    s.nextStatuses.includes('handed_to_post') &&
    DESK_ROLES.includes(session.value?.user.role ?? '');
  const party = s.direction === 'inbound' ? s.sender : s.receiver;
  // Built as strings: htm drops whitespace that holds a line break.
  const handOver = s.handOver
    ? `Số ${s.handOver.number}, ký lúc ${formatDateTime(s.handOver.signedAt)}, nhân viên bưu điện: ${s.handOver.signedBy}`
    : null;
  return html`
    <article class="shipment" data-testid="shipment">
      <h4>${DIRECTION[s.direction] ?? s.direction}</h4>
      <dl class="facts facts--compact">
        <div class="facts__row">
          <dt>Mã bưu gửi</dt>
          <dd><span class="code" data-testid="tracking-code">${s.trackingCode}</span></dd>
        </div>
        <div class="facts__row">
          <dt>Trạng thái</dt>
          <dd>${s.statusLabel}</dd>
        </div>
        ${
          handOver
            ? html`<div class="facts__row">
                <dt>Biên bản giao nhận</dt>
                <dd>${handOver}</dd>
              </div>`
            : null
        }
        <div class="facts__row">
          <dt>${s.direction === 'inbound' ? 'Người gửi' : 'Người nhận'}</dt>
          <dd>${`${party.name} · ${addressLine(party)}`}</dd>
        </div>
      </dl>
      <ol class="timeline" aria-label=${`Hành trình bưu gửi ${s.trackingCode}`}>
        ${s.timeline.map(
          (e) =>
            html`<li class="timeline__item">
              <time datetime=${e.at}>${formatDateTime(e.at)}</time>
              <div>
                ${e.statusLabel}
                ${e.note ? html`<div class="timeline__note">${e.note}</div>` : null}
              </div>
            </li>`,
        )}
      </ol>
      ${canHandOver ? html`<${HandOverForm} shipment=${s} onDone=${onChanged} />` : null}
    </article>
  `;
}

/** Shown when the application has shipments; reloads when the application changes. */
export function ShipmentsPanel({ application }) {
  const [shipments, setShipments] = useState(/** @type {ApiObject[]} */ ([]));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = async () => {
    try {
      setShipments(
        await api(`/postal/applications/${encodeURIComponent(application.code)}/shipments`),
      );
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useEffect(() => {
    setNotice('');
    void load();
  }, [application.code, application.version]);
  if (!shipments.length && !error) {
    return null;
  }
  return html`
    <section class="shipments" aria-labelledby="shipments-title">
      <h3 id="shipments-title">Bưu chính công ích</h3>
      <${Alert}>${error}<//>
      ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
      ${shipments.map(
        (s) =>
          html`<${Shipment}
            key=${s.id}
            shipment=${s}
            onChanged=${(updated) => {
              setNotice(`Đã ghi biên bản giao nhận. Trạng thái: ${updated.statusLabel}.`);
              void load();
            }}
          />`,
      )}
    </section>
  `;
}
