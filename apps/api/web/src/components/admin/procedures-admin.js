// @ts-check
// Procedures: each save of the time limit, fee, channels or review chain publishes a new version
// (PUT); the applications already received keep the version they were received under.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { reviewChainLabel, timeLimitLabel } from '../../format.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';
import { ProcedureDocumentsAdmin } from './procedure-documents-admin.js';

const UNITS = {
  working_days: 'ngày làm việc',
  hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};
const LEVELS = {
  partial: 'Trực tuyến một phần',
  full: 'Trực tuyến toàn trình',
  none: 'Không trực tuyến',
};

/**
 * The review chains an admin chooses from (at most 3 steps, leaders only, the signature last:
 * reviewChainProblems in libs/domain). The legal one first: spec §1.
 */
const CHAINS = {
  'head-director': [
    { stage: 'review', role: 'head' },
    { stage: 'sign', role: 'director' },
  ],
  'head-director-director': [
    { stage: 'review', role: 'head' },
    { stage: 'review', role: 'director' },
    { stage: 'sign', role: 'director' },
  ],
  director: [{ stage: 'sign', role: 'director' }],
  'head-head': [
    { stage: 'review', role: 'head' },
    { stage: 'sign', role: 'head' },
  ],
  head: [{ stage: 'sign', role: 'head' }],
  none: [],
};

const chainKey = (chain) =>
  Object.entries(CHAINS).find(([, c]) => JSON.stringify(c) === JSON.stringify(chain ?? []))?.[0] ??
  'custom';

const chainOption = (key) =>
  key === 'none'
    ? 'Không trình duyệt: chuyên viên chuyển kết quả trực tiếp'
    : reviewChainLabel(CHAINS[key]);

function EditProcedure({ procedure: p, onSaved }) {
  const [value, setValue] = useState(String(p.timeLimit.value));
  const [unit, setUnit] = useState(p.timeLimit.unit);
  const [fee, setFee] = useState(String(p.feeVnd));
  const [onlineLevel, setOnlineLevel] = useState(p.onlineLevel);
  const [chain, setChain] = useState(chainKey(p.reviewChain));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const save = async (event) => {
    event.preventDefault();
    try {
      const body = {
        name: p.name,
        departmentId: p.departmentId,
        timeLimit: { value: Number(value), unit },
        onlineLevel,
        feeVnd: Number(fee),
        eligibleFullOnline: p.eligibleFullOnline,
        onNationalPortal: p.onNationalPortal,
        source: p.source ?? undefined,
        // A chain not among the choices (set through the API) is kept as it is.
        reviewChain: chain === 'custom' ? p.reviewChain : CHAINS[chain],
        version: p.version,
      };
      onSaved(await api(`/procedures/${encodeURIComponent(p.code)}`, { method: 'PUT', body }));
    } catch (e) {
      /** @type {Record<string, string>} */
      const out = {};
      for (const [field, reason] of Object.entries(fieldErrors(e))) {
        out[field] = reasonText(reason);
      }
      setErrors(out);
      setError(errorMessage(e));
    }
  };
  const clear = (name) => setErrors({ ...errors, [name]: '' });
  return html`<form class="admin__edit" onSubmit=${save} aria-label=${`Sửa thủ tục ${p.code}`}>
    <${Alert}>${error}<//>
    <div class="admin__fields">
      <${Field}
        id=${`limit-${p.code}`}
        label="Thời hạn giải quyết"
        error=${errors['timeLimit.value']}
      >
        ${(q) =>
          html`<input
            ...${q}
            type="number"
            min="0"
            value=${value}
            onInput=${(e) => {
              setValue(e.currentTarget.value);
              clear('timeLimit.value');
            }}
          />`}
      <//>
      <${Field} id=${`unit-${p.code}`} label="Đơn vị thời hạn" error=${errors['timeLimit.unit']}>
        ${(q) =>
          html`<select ...${q} value=${unit} onChange=${(e) => setUnit(e.currentTarget.value)}>
            ${Object.entries(UNITS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
          </select>`}
      <//>
      <${Field} id=${`fee-${p.code}`} label="Phí, lệ phí (đồng)" error=${errors.feeVnd}>
        ${(q) =>
          html`<input
            ...${q}
            type="number"
            min="0"
            value=${fee}
            onInput=${(e) => {
              setFee(e.currentTarget.value);
              clear('feeVnd');
            }}
          />`}
      <//>
      <${Field} id=${`level-${p.code}`} label="Hình thức trực tuyến" error=${errors.onlineLevel}>
        ${(q) =>
          html`<select
            ...${q}
            value=${onlineLevel}
            onChange=${(e) => setOnlineLevel(e.currentTarget.value)}
          >
            ${Object.entries(LEVELS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
          </select>`}
      <//>
      <${Field}
        id=${`chain-${p.code}`}
        label="Trình duyệt, ký kết quả"
        error=${Object.entries(errors).find(([k, v]) => k.startsWith('reviewChain') && v)?.[1]}
      >
        ${(q) =>
          html`<select
            ...${q}
            value=${chain}
            onChange=${(e) => {
              setChain(e.currentTarget.value);
              clear('reviewChain');
            }}
          >
            ${Object.keys(CHAINS).map((k) => html`<option value=${k}>${chainOption(k)}</option>`)}
            ${
              chain === 'custom'
                ? html`<option value="custom">${reviewChainLabel(p.reviewChain)}</option>`
                : null
            }
          </select>`}
      <//>
    </div>
    <button type="submit" class="button button--primary">Lưu phiên bản mới</button>
  </form>`;
}

export function ProceduresAdmin({ departments }) {
  const [procedures, setProcedures] = useState(
    /** @type {import('../../types.js').ApiObject[] | null} */ (null),
  );
  const [editing, setEditing] = useState(/** @type {string | null} */ (null));
  const [documentsOf, setDocumentsOf] = useState(/** @type {string | null} */ (null));
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const load = async () => {
    try {
      const page = await api('/procedures', { query: { limit: 200 } });
      setProcedures(Array.isArray(page) ? page : page.items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  return html`<section aria-labelledby="procedures-title">
    <h2 id="procedures-title">Thủ tục hành chính</h2>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    ${
      procedures
        ? html`<ul class="admin__list" data-testid="procedures">
            ${procedures.map(
              (p) =>
                html`<li key=${p.code} class="admin__row" data-code=${p.code}>
                  <div class="admin__summary">
                    <strong>${p.name}</strong>
                    <span class="code">${p.code}</span>
                    <span>${names.get(p.departmentId) ?? ''}</span>
                    <span>Thời hạn: ${timeLimitLabel(p.timeLimit)}</span>
                    <span>Phí: ${p.feeVnd.toLocaleString('vi-VN')} đồng</span>
                    <span>Phiên bản ${p.version}</span>
                    <span data-testid="review-chain">
                      Trình duyệt: ${reviewChainLabel(p.reviewChain) || 'không'}
                    </span>
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-expanded=${editing === p.code ? 'true' : 'false'}
                      aria-label=${`Sửa thủ tục ${p.code}`}
                      onClick=${() => setEditing(editing === p.code ? null : p.code)}
                    >
                      Sửa
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-expanded=${documentsOf === p.code ? 'true' : 'false'}
                      aria-label=${`Thành phần hồ sơ của thủ tục ${p.code}`}
                      onClick=${() => setDocumentsOf(documentsOf === p.code ? null : p.code)}
                    >
                      Thành phần hồ sơ
                    </button>
                  </div>
                  ${documentsOf === p.code ? html`<${ProcedureDocumentsAdmin} code=${p.code} />` : null}
                  ${
                    editing === p.code
                      ? html`<${EditProcedure}
                          procedure=${p}
                          onSaved=${(saved) => {
                            setEditing(null);
                            setNotice(
                              `Đã lưu phiên bản ${saved.version} của thủ tục ${saved.code}.`,
                            );
                            void load();
                          }}
                        />`
                      : null
                  }
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">Đang tải…</p>`
    }
  </section>`;
}
