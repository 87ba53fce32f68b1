// @ts-check
// The holiday calendar of a year: the days off and Saturdays worked as the API computes them
// (law plus notices), the notices to edit, and a what-if preview before saving: which open
// applications' appointments the proposed notices would move, and by how much.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { formatDate, formatDateTime, localDay } from '../../format.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

const KINDS = { day_off: 'Ngày nghỉ', working_day: 'Ngày làm việc (làm bù)' };
const EMPTY = { date: '', kind: 'day_off', reason: '', source: '' };

function YearView({ days }) {
  return html`<div
    class="table-scroll"
    tabindex="0"
    role="region"
    aria-label="Bảng ngày nghỉ, ngày làm bù"
  >
    <table class="table" data-testid="calendar-days">
      <caption class="visually-hidden">
        Ngày nghỉ, ngày làm bù trong năm
      </caption>
      <thead>
        <tr>
          <th scope="col">Ngày</th>
          <th scope="col">Loại</th>
          <th scope="col">Tên</th>
          <th scope="col">Căn cứ</th>
        </tr>
      </thead>
      <tbody>
        ${days.map(
          (d) =>
            html`<tr key=${d.date}>
              <td class="nowrap">${formatDate(`${d.date}T12:00:00+07:00`)}</td>
              <td>${d.kind === 'working_day' ? 'Làm việc' : 'Nghỉ'}</td>
              <td>${d.name}</td>
              <td>${d.source.startsWith('rule:') ? 'Bộ luật Lao động' : d.source}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function Preview({ preview }) {
  if (preview.moved.length === 0) {
    return html`<p class="alert alert--info" role="status" data-testid="preview">
      Không hồ sơ nào đang giải quyết bị đổi ngày hẹn (đã xét ${preview.checked} hồ sơ).
    </p>`;
  }
  return html`<div role="status" data-testid="preview">
    <p class="alert alert--info">
      ${preview.moved.length} hồ sơ đang giải quyết có ngày hẹn tính theo lịch mới khác ngày hẹn
      hiện tại (đã xét ${preview.checked} hồ sơ). Lưu lịch không tự sửa ngày hẹn đã ghi trên phiếu
      hẹn.
    </p>
    <div class="table-scroll" tabindex="0" role="region" aria-label="Hồ sơ bị đổi ngày hẹn">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Mã hồ sơ</th>
            <th scope="col">Thủ tục</th>
            <th scope="col">Ngày hẹn hiện tại</th>
            <th scope="col">Theo lịch mới</th>
            <th scope="col">Chênh lệch</th>
          </tr>
        </thead>
        <tbody>
          ${preview.moved.map(
            (m) =>
              html`<tr key=${m.id} data-code=${m.code}>
                <td class="code">${m.code}</td>
                <td>${m.procedureName}</td>
                <td class="nowrap">${formatDateTime(m.dueAt)}</td>
                <td class="nowrap">${formatDateTime(m.newDueAt)}</td>
                <td>${m.shiftDays > 0 ? `Lùi ${m.shiftDays} ngày` : `Sớm ${-m.shiftDays} ngày`}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

export function CalendarAdmin() {
  const [year, setYear] = useState(Number(localDay(Date.now()).slice(0, 4)));
  const [days, setDays] = useState(/** @type {ApiObject[]} */ ([]));
  const [overrides, setOverrides] = useState(/** @type {ApiObject[]} */ ([]));
  const [form, setForm] = useState(EMPTY);
  const [preview, setPreview] = useState(/** @type {ApiObject | null} */ (null));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = async () => {
    try {
      const [y, o] = await Promise.all([
        api(`/calendar/${year}`),
        api(`/calendar/${year}/overrides`),
      ]);
      setDays(y.days);
      setOverrides(
        o.overrides.map(({ date, kind, reason, source }) => ({ date, kind, reason, source })),
      );
      setPreview(null);
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), [year]);

  const change = (next) => {
    setOverrides(next);
    setPreview(null);
    setNotice('');
  };
  const add = (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const missing = {};
    for (const [k, label] of [
      ['date', 'ngày'],
      ['reason', 'lý do'],
      ['source', 'căn cứ'],
    ]) {
      if (!form[k]) {
        missing[k] = `Nhập ${label}.`;
      }
    }
    if (form.date && !form.date.startsWith(`${year}-`)) {
      missing.date = `Ngày phải thuộc năm ${year}.`;
    } else if (overrides.some((o) => o.date === form.date)) {
      missing.date = 'Ngày này đã có trong danh sách.';
    }
    setErrors(missing);
    if (Object.keys(missing).length === 0) {
      change([...overrides, form].sort((a, b) => a.date.localeCompare(b.date)));
      setForm(EMPTY);
    }
  };
  const set = (name, value) => {
    setForm({ ...form, [name]: value });
    setErrors({ ...errors, [name]: '' });
  };
  const apiProblem = (e) => {
    const details = Object.entries(fieldErrors(e)).map(([, reason]) => reasonText(reason));
    setError([errorMessage(e), ...details].join(' '));
  };
  const runPreview = async () => {
    try {
      setPreview(
        await api(`/calendar/${year}/overrides/preview`, { method: 'POST', body: { overrides } }),
      );
      setError('');
    } catch (e) {
      apiProblem(e);
    }
  };
  const save = async () => {
    try {
      await api(`/calendar/${year}/overrides`, { method: 'PUT', body: { overrides } });
      setNotice(`Đã lưu lịch năm ${year}.`);
      await load();
    } catch (e) {
      apiProblem(e);
    }
  };

  return html`<section aria-labelledby="calendar-title">
    <h2 id="calendar-title">Lịch nghỉ, ngày làm việc</h2>
    <div class="report__form">
      <${Field} id="calendar-year" label="Năm">
        ${(p) => html`<input ...${p} type="number" min="2000" max="2100" value=${year} onChange=${(e) => setYear(Number(e.currentTarget.value))} />`}
      <//>
    </div>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    <h3>Điều chỉnh theo thông báo trong năm ${year}</h3>
    ${
      overrides.length === 0
        ? html`<p class="muted">Chưa có điều chỉnh nào.</p>`
        : html`<ul class="admin__list" data-testid="overrides">
            ${overrides.map(
              (o) =>
                html`<li key=${o.date} class="admin__row admin__summary">
                  <span class="nowrap">${formatDate(`${o.date}T12:00:00+07:00`)}</span>
                  <span>${KINDS[o.kind]}</span><span>${o.reason}</span><span>${o.source}</span>
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-label=${`Bỏ ngày ${o.date}`}
                    onClick=${() => change(overrides.filter((x) => x.date !== o.date))}
                  >
                    Bỏ
                  </button>
                </li>`,
            )}
          </ul>`
    }
    <form class="card admin__form" onSubmit=${add} aria-labelledby="new-override-title">
      <h4 id="new-override-title">Thêm ngày điều chỉnh</h4>
      <div class="admin__fields">
        <${Field} id="override-date" label="Ngày" required=${true} error=${errors.date}>
          ${(p) => html`<input ...${p} type="date" value=${form.date} onInput=${(e) => set('date', e.currentTarget.value)} />`}
        <//>
        <${Field} id="override-kind" label="Loại">
          ${(p) =>
            html`<select
              ...${p}
              value=${form.kind}
              onChange=${(e) => set('kind', e.currentTarget.value)}
            >
              ${Object.entries(KINDS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
            </select>`}
        <//>
        <${Field} id="override-reason" label="Lý do" required=${true} error=${errors.reason}>
          ${(p) => html`<input ...${p} value=${form.reason} onInput=${(e) => set('reason', e.currentTarget.value)} />`}
        <//>
        <${Field}
          id="override-source"
          label="Căn cứ (số thông báo)"
          required=${true}
          error=${errors.source}
        >
          ${(p) => html`<input ...${p} value=${form.source} onInput=${(e) => set('source', e.currentTarget.value)} />`}
        <//>
      </div>
      <button type="submit" class="button button--secondary">Thêm vào danh sách</button>
    </form>
    <div class="admin__actions">
      <button type="button" class="button button--secondary" onClick=${runPreview}>
        Xem trước ảnh hưởng
      </button>
      <button type="button" class="button button--primary" onClick=${save} disabled=${!preview}>
        Lưu lịch năm ${year}
      </button>
    </div>
    ${preview ? html`<${Preview} preview=${preview} />` : html`<p class="hint">Xem trước ảnh hưởng rồi mới lưu.</p>`}
    <h3>Các ngày nghỉ và làm bù năm ${year}</h3>
    <${YearView} days=${days} />
  </section>`;
}
