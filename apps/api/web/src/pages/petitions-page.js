// @ts-check
// PAKN for staff (/app/pakn[/<code>]): the petitions by status with the deadline that binds
// next, one petition's detail with its lifecycle actions, and the desk's record of a petition
// received in person, by phone or by post.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { Link, location, navigate } from '../router.js';
import { canReceive, session } from '../session.js';
import { timeLeft, workingDayChecker } from '../working-days.js';
import { Alert } from '../components/field.js';
import { PetitionDetail } from '../components/petitions/petition-detail.js';
import { PetitionForm } from '../components/petitions/petition-form.js';
import {
  nextPetitionDeadline,
  PETITION_STATUS_LABELS,
} from '../components/petitions/petition-deadlines.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

const BASE = '/app/pakn';

/** @param {{ p: ApiObject, isWorkingDay: ((day: string) => boolean) | null }} props */
function NextDeadline({ p, isWorkingDay }) {
  const next = nextPetitionDeadline(p);
  if (!next) {
    return html`<span class="muted">Đã xong</span>`;
  }
  const left = isWorkingDay ? timeLeft(next.dueAt, isWorkingDay) : null;
  return html`<div>${next.label}: ${formatDateTime(next.dueAt)}</div>
    ${left ? html`<span class=${`badge risk risk--${left.level}`}>${left.label}</span>` : null}`;
}

export function PetitionsPage() {
  const { path } = location.value;
  const selected = path.startsWith(`${BASE}/`)
    ? decodeURIComponent(path.slice(BASE.length + 1))
    : null;
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState(/** @type {ApiObject[] | null} */ (null));
  const [error, setError] = useState('');
  const [recording, setRecording] = useState(false);
  const [isWorkingDay, setIsWorkingDay] = useState(
    /** @type {(() => ((day: string) => boolean) | null)} */ (() => null),
  );
  const user = session.value?.user;

  const load = async () => {
    try {
      const found = await api('/petitions', { query: { status } });
      setRows(found);
      setError('');
      const checker = await workingDayChecker(found.map((p) => p.answerDueAt));
      setIsWorkingDay(() => checker);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    document.title = 'Phản ánh, kiến nghị — Một cửa';
  }, []);
  useEffect(() => {
    setRows(null);
    void load();
  }, [status]);

  const replace = (p) =>
    setRows((before) => (before ?? []).map((r) => (r.id === p.id ? { ...r, ...p } : r)));
  const recorded = (p) => {
    setRecording(false);
    void load();
    navigate(`${BASE}/${encodeURIComponent(p.code)}`);
  };

  return html`<div class="page page--wide">
    <div class="page__head">
      <h1>Phản ánh, kiến nghị</h1>
    </div>
    <div class="toolbar">
      <div class="field field--inline">
        <label for="pakn-status">Trạng thái</label>
        <select
          id="pakn-status"
          value=${status}
          onChange=${(e) => setStatus(e.currentTarget.value)}
        >
          <option value="">Tất cả</option>
          ${Object.entries(PETITION_STATUS_LABELS).map(
            ([v, label]) => html`<option value=${v}>${label}</option>`,
          )}
        </select>
      </div>
      ${
        user && canReceive(user.role)
          ? html`<button
              type="button"
              class="button button--secondary"
              aria-expanded=${recording ? 'true' : 'false'}
              onClick=${() => setRecording(!recording)}
            >
              Ghi nhận phản ánh mới
            </button>`
          : null
      }
    </div>
    ${
      recording
        ? html`<section aria-labelledby="pakn-new-title">
            <h2 id="pakn-new-title">Ghi nhận phản ánh, kiến nghị tại Bộ phận Một cửa</h2>
            <${PetitionForm} desk onDone=${recorded} />
          </section>`
        : null
    }
    <${Alert}>${error}<//>
    <div class="split">
      <section
        class="list card"
        aria-labelledby="pakn-list-title"
        aria-busy=${rows ? 'false' : 'true'}
      >
        <h2 id="pakn-list-title" class="visually-hidden">Danh sách phản ánh, kiến nghị</h2>
        ${rows === null && !error ? html`<p class="muted" role="status">Đang tải…</p>` : null}
        ${rows && rows.length === 0 ? html`<p class="empty">Không có phản ánh nào phù hợp.</p>` : null}
        ${
          rows && rows.length > 0
            ? html`<table class="table">
                <thead>
                  <tr>
                    <th scope="col">Mã</th>
                    <th scope="col">Tiêu đề · Người gửi</th>
                    <th scope="col">Tình trạng · Thời hạn</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (p) =>
                      html`<tr
                        class=${p.code === selected ? 'is-selected' : ''}
                        data-code=${p.code}
                      >
                        <td class="nowrap">
                          <${Link}
                            href=${`${BASE}/${encodeURIComponent(p.code)}`}
                            class="code"
                            aria-current=${p.code === selected ? 'true' : undefined}
                            >${p.code}<//
                          >
                        </td>
                        <td>
                          <div class="cell-main">${p.title}</div>
                          <div class="muted">
                            ${p.petitionerName} · ${formatDateTime(p.receivedAt)}
                          </div>
                        </td>
                        <td>
                          <div>${p.statusLabel}</div>
                          <${NextDeadline} p=${p} isWorkingDay=${isWorkingDay} />
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : null
        }
      </section>
      ${
        selected
          ? html`<${PetitionDetail}
              code=${selected}
              isWorkingDay=${isWorkingDay}
              onChange=${replace}
            />`
          : html`<section class="detail card detail--empty">
              <p class="muted">Chọn một phản ánh trong danh sách để xem chi tiết và xử lý.</p>
            </section>`
      }
    </div>
  </div>`;
}
