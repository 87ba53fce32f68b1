// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatDateTime, OPEN_STATUSES, STATUS_LABELS } from '../format.js';
import { Link, location } from '../router.js';
import { session } from '../session.js';
import { Alert } from '../components/field.js';
import { RiskBadge } from '../components/risk-badge.js';
import { workingDayChecker } from '../working-days.js';
import { ApplicationDetail } from './application-detail.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

const PAGE_SIZE = 20;

/** Which lists a role can choose from; the first is its default. */
function scopesFor(role) {
  switch (role) {
    case 'officer':
      return [
        ['mine', 'Được giao cho tôi'],
        ['department', 'Cả phòng'],
      ];
    case 'head':
      return [
        ['department', 'Cả phòng'],
        ['mine', 'Được giao cho tôi'],
      ];
    default:
      return [['all', 'Tất cả hồ sơ']];
  }
}

function listQuery({ scope, q, status, overdue }, cursor) {
  return {
    assignedToMe: scope === 'mine' ? 'true' : undefined,
    q: q.trim() || undefined,
    status: status === 'open' ? OPEN_STATUSES : status === 'all' ? undefined : status,
    overdue: overdue ? 'true' : undefined,
    sort: 'dueAt',
    direction: 'asc',
    limit: PAGE_SIZE,
    cursor,
  };
}

/** The worklist: applications by appointment date, risk in words and colour, a detail panel. */
export function WorklistPage() {
  const role = session.value?.user.role;
  const scopes = scopesFor(role);
  const [filters, setFilters] = useState({
    scope: scopes[0][0],
    q: '',
    status: 'open',
    overdue: false,
  });
  const [searchText, setSearchText] = useState('');
  const [items, setItems] = useState(/** @type {ApiObject[]} */ ([]));
  const [nextCursor, setNextCursor] = useState(/** @type {string | null} */ (null));
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  // A lazy initial value: useState would call a function given as the value itself.
  const [isWorkingDay, setIsWorkingDay] = useState(
    /** @type {() => ((day: string) => boolean) | null} */ (() => null),
  );
  const ticket = useRef(0);
  const selected = decodeURIComponent(location.value.path.split('/')[3] ?? '');

  useEffect(() => {
    document.title = 'Hồ sơ — Một cửa';
  }, []);

  const fetchPage = async (cursor) => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const page = await api('/applications', { query: listQuery(filters, cursor) });
      if (mine !== ticket.current) {
        return;
      }
      const all = cursor ? [...items, ...page.items] : page.items;
      setItems(all);
      setNextCursor(page.nextCursor);
      setError('');
      setIsWorkingDay(() => null);
      const checker = await workingDayChecker(all.map((a) => a.dueAt));
      if (mine === ticket.current) {
        setIsWorkingDay(() => checker);
      }
    } catch (err) {
      if (mine === ticket.current) {
        setError(errorMessage(err));
      }
    } finally {
      if (mine === ticket.current) {
        setLoading(false);
      }
    }
  };

  useEffect(() => {
    void fetchPage(null);
  }, [filters]);

  // Search as you type, after a short pause; Enter searches at once.
  useEffect(() => {
    if (searchText === filters.q) {
      return undefined;
    }
    const t = setTimeout(() => setFilters({ ...filters, q: searchText }), 300);
    return () => clearTimeout(t);
  }, [searchText]);

  const replaceRow = (view) =>
    setItems((rows) => rows.map((r) => (r.id === view.id ? { ...r, ...view } : r)));

  return html`
    <div class="page page--wide">
      <div class="page__head">
        <h1>Hồ sơ cần xử lý</h1>
      </div>
      <form
        class="toolbar"
        role="search"
        aria-label="Lọc hồ sơ"
        onSubmit=${(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: searchText });
        }}
      >
        ${
          scopes.length > 1
            ? html`<fieldset class="segmented">
                <legend class="visually-hidden">Phạm vi</legend>
                ${scopes.map(
                  ([value, label]) =>
                    html`<label
                      class=${`segmented__item ${filters.scope === value ? 'is-on' : ''}`}
                    >
                      <input
                        type="radio"
                        name="scope"
                        value=${value}
                        checked=${filters.scope === value}
                        onChange=${() => setFilters({ ...filters, scope: value })}
                      />
                      ${label}
                    </label>`,
                )}
              </fieldset>`
            : null
        }
        <div class="field field--inline">
          <label for="search">Tìm kiếm</label>
          <input
            id="search"
            type="search"
            placeholder="Mã hồ sơ hoặc tên người nộp"
            value=${searchText}
            onInput=${(e) => setSearchText(e.currentTarget.value)}
          />
        </div>
        <div class="field field--inline">
          <label for="status">Trạng thái</label>
          <select
            id="status"
            value=${filters.status}
            onChange=${(e) => setFilters({ ...filters, status: e.currentTarget.value })}
          >
            <option value="open">Đang giải quyết</option>
            <option value="all">Tất cả</option>
            ${Object.entries(STATUS_LABELS).map(([v, label]) => html`<option value=${v}>${label}</option>`)}
          </select>
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            checked=${filters.overdue}
            onChange=${(e) => setFilters({ ...filters, overdue: e.currentTarget.checked })}
          />
          Chỉ hồ sơ quá hạn
        </label>
      </form>
      <${Alert}>${error}<//>
      <div class="split">
        <section
          class="list card"
          aria-labelledby="list-title"
          aria-busy=${loading ? 'true' : 'false'}
        >
          <h2 id="list-title" class="visually-hidden">Danh sách hồ sơ</h2>
          ${
            !loading && items.length === 0 && !error
              ? html`<p class="empty">Không có hồ sơ nào phù hợp.</p>`
              : html`<table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Mã hồ sơ</th>
                      <th scope="col">Thủ tục · Người nộp</th>
                      <th scope="col">Hẹn trả</th>
                      <th scope="col">Tình trạng · Thời hạn còn lại</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${items.map(
                      (a) =>
                        html`<tr
                          class=${a.code === selected ? 'is-selected' : ''}
                          data-code=${a.code}
                        >
                          <td class="nowrap">
                            <${Link}
                              href=${`/app/ho-so/${encodeURIComponent(a.code)}`}
                              class="code"
                              aria-current=${a.code === selected ? 'true' : undefined}
                              >${a.code}<//
                            >
                          </td>
                          <td>
                            <div class="cell-main">${a.procedure.name}</div>
                            <div class="muted">${a.applicant.fullName}</div>
                          </td>
                          <td class="nowrap">${formatDateTime(a.dueAt)}</td>
                          <td>
                            <div>${a.statusLabel}</div>
                            ${
                              isWorkingDay
                                ? html`<${RiskBadge}
                                    application=${a}
                                    isWorkingDay=${isWorkingDay}
                                    placeholder=${false}
                                  />`
                                : null
                            }
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
          ${loading ? html`<p class="muted" role="status">Đang tải…</p>` : null}
          ${
            nextCursor && !loading
              ? html`<div class="more">
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick=${() => fetchPage(nextCursor)}
                  >
                    Xem thêm
                  </button>
                </div>`
              : null
          }
        </section>
        ${
          selected
            ? html`<${ApplicationDetail}
                code=${selected}
                isWorkingDay=${isWorkingDay}
                onChange=${replaceRow}
              />`
            : html`<section class="detail card detail--empty">
                <p class="muted">Chọn một hồ sơ trong danh sách để xem chi tiết và xử lý.</p>
              </section>`
        }
      </div>
    </div>
  `;
}
