// @ts-check
// Calls to /api/v1 with the bearer token; errors keep the API's {code, message, details, current}.
// Access tokens live 15 minutes: on a 401 the page renews its session once, silently, with the
// httpOnly refresh cookie (POST /auth/refresh), and repeats the call.
import { navigate } from './router.js';
import { clearSession, saveSession, session } from './session.js';

/**
 * The API's error body (ErrorResponseDto).
 * @typedef {{ code?: string, message?: string, details?: Array<{ field: string, reason: string }>,
 *   current?: unknown, correlationId?: string }} ApiErrorBody
 */

/**
 * Query parameters.
 * @typedef {Record<string, string | number | boolean | readonly string[] | null | undefined>} Query
 */

/**
 * How to call the API.
 * @typedef {object} RequestOptions
 * @property {string} [method] GET unless said
 * @property {unknown} [body] sent as JSON
 * @property {Query} [query] empty values are left out, arrays joined by ","
 * @property {Record<string, string>} [headers]
 * @property {boolean} [auth] send the session's bearer token (default true)
 */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the network failed
   * @param {ApiErrorBody | null} body
   */
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
    this.details = Array.isArray(body?.details) ? body.details : [];
    this.current = body?.current;
    this.correlationId = body?.correlationId;
  }
}

/** @param {Query | undefined} query */
function queryString(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function sessionExpired() {
  clearSession();
  const back = window.location.pathname + window.location.search;
  navigate(`/app/dang-nhap?het-han=1&sau=${encodeURIComponent(back)}`, { replace: true });
}

/**
 * @param {string} path under /api/v1
 * @param {RequestOptions} [options]
 */
async function send(path, { method = 'GET', body, query, headers = {}, auth = true } = {}) {
  /** @type {Record<string, string>} */
  const all = { accept: 'application/json', ...headers };
  if (body !== undefined) {
    all['content-type'] = 'application/json';
  }
  if (auth && session.value) {
    all.authorization = `Bearer ${session.value.accessToken}`;
  }
  try {
    return await fetch(`/api/v1${path}${queryString(query)}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'network error' });
  }
}

/** @type {Promise<boolean> | null} */
let refreshing = null;

async function refreshOnce() {
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { accept: 'application/json' },
  });
  if (res.ok) {
    saveSession(await res.json());
    return true;
  }
  return false;
}

/**
 * A new access token from the refresh cookie. Calls that fail together share one refresh; a
 * refusal saying another tab has just renewed the cookie is retried once with the new cookie.
 */
export function renewSession() {
  refreshing ??= (async () => {
    try {
      return (await refreshOnce()) || (await refreshOnce());
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Sends; on a 401 of a logged-in call, renews the session once and sends again.
 * @param {string} path under /api/v1
 * @param {RequestOptions} options
 */
async function sendRenewing(path, options) {
  let res = await send(path, options);
  if (res.status === 401 && options.auth !== false && session.value) {
    if (await renewSession()) {
      res = await send(path, options);
    }
    if (res.status === 401 && session.value) {
      sessionExpired();
    }
  }
  return res;
}

/** Ends the session on the server too (its refresh cookie), then here. */
export async function logout() {
  try {
    await fetch('/api/v1/auth/logout', { method: 'POST' });
  } catch {
    // offline: the cookie expires on its own; the page forgets the session anyway
  }
  clearSession();
}

/**
 * JSON in, JSON out. A 401 that a renewal cannot cure ends the session (login page).
 * @param {string} path under /api/v1
 * @param {RequestOptions} [options]
 * @returns {Promise<any>} the answer's JSON (null for 204)
 */
export async function api(path, options = {}) {
  const res = await sendRenewing(path, options);
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, data);
  }
  return data;
}

/**
 * A file the API answers behind the token (a PDF, a workbook), as a blob.
 * @param {string} path under /api/v1, with its query
 * @param {string} [accept] the media type asked for
 * @returns {Promise<Blob>}
 */
export async function apiBlob(path, accept = 'application/pdf') {
  const res = await sendRenewing(path, { headers: { accept } });
  if (!res.ok) {
    throw new ApiError(res.status, await res.json().catch(() => null));
  }
  return res.blob();
}

/**
 * One key per form submission: a double click or a retry after a lost answer replays the first
 * answer instead of logging twice. crypto.randomUUID needs HTTPS; getRandomValues does not.
 */
export function newIdempotencyKey() {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A sentence in Vietnamese for the person at the desk.
 * @param {unknown} error
 * @returns {string}
 */
export function errorMessage(error) {
  if (!(error instanceof ApiError)) {
    return 'Đã có lỗi không mong muốn. Vui lòng tải lại trang.';
  }
  switch (error.status) {
    case 0:
      return 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';
    case 400:
      return 'Thông tin chưa hợp lệ: vui lòng sửa các ô được đánh dấu.';
    case 401:
      return 'Tên đăng nhập hoặc mật khẩu không đúng.';
    case 403:
      return 'Bạn không có quyền thực hiện thao tác này.';
    case 404:
      return 'Không tìm thấy dữ liệu yêu cầu.';
    case 409:
      return error.code === 'STALE_VERSION'
        ? 'Hồ sơ vừa được người khác cập nhật. Đã tải lại trạng thái mới nhất, vui lòng kiểm tra rồi thực hiện lại.'
        : 'Thao tác không còn phù hợp với trạng thái hiện tại của hồ sơ. Đã tải lại trạng thái mới nhất.';
    case 422:
      return 'Yêu cầu này đã được gửi với nội dung khác. Vui lòng tải lại trang rồi thử lại.';
    case 429:
      // The API says, in Vietnamese, how long to wait and until when (lockouts, rate limits).
      return error.code === 'RATE_LIMITED' && error.message
        ? error.message
        : 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.';
    case 503:
      return 'Máy chủ tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.';
    default:
      return `Máy chủ gặp lỗi. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên${
        error.correlationId ? ` (mã lỗi ${error.correlationId})` : ''
      }.`;
  }
}

/**
 * details[] as {field: reason}, the first reason per field.
 * @param {unknown} error
 * @returns {Record<string, string>}
 */
export function fieldErrors(error) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const d of error instanceof ApiError ? error.details : []) {
    if (d && typeof d.field === 'string' && !(d.field in out)) {
      out[d.field] = d.reason;
    }
  }
  return out;
}
