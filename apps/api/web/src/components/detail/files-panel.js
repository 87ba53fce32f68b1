// @ts-check
// The electronic documents kept with an application (uploaded online or as a supplement). The
// API checks each request against the viewer's department; the files are saved, never shown in
// the app's own origin: a citizen's PDF is the citizen's content, not ours.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { downloadFile } from '../../pdf.js';
import { Alert } from '../field.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

const PURPOSE_LABELS = { submission: 'Nộp trực tuyến', supplement: 'Nộp bổ sung' };
const TYPE_LABELS = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** "123 kB", "1,5 MB". */
function sizeLabel(bytes) {
  const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024
    ? `${number.format(Math.max(1, Math.round(bytes / 1024)))} kB`
    : `${number.format(bytes / (1024 * 1024))} MB`;
}

/**
 * @param {{ code: string, headingLevel?: 2 | 3, emptyText?: string | null }} props
 *   code: the application's code or id; emptyText null: nothing at all when there is no file
 */
export function FilesPanel({ code, headingLevel = 3, emptyText = null }) {
  const [files, setFiles] = useState(/** @type {ApiObject[] | null} */ (null));
  const [error, setError] = useState('');
  useEffect(() => {
    setFiles(null);
    api(`/applications/${encodeURIComponent(code)}/files`).then(
      (rows) => {
        setFiles(rows);
        setError('');
      },
      (e) => setError(`Chưa tải được danh sách giấy tờ điện tử. ${errorMessage(e)}`),
    );
  }, [code]);
  if (!error && (files === null || (files.length === 0 && emptyText === null))) {
    return null;
  }
  const title = 'Giấy tờ điện tử đã nộp';
  const titleId = `files-title-${code}`;
  const save = async (f) => {
    setError('');
    const failed = await downloadFile(
      `/applications/${encodeURIComponent(code)}/files/${f.id}`,
      f.originalName,
      f.mediaType,
    );
    setError(failed ? `Chưa tải được tệp ${f.originalName}. ${failed}` : '');
  };
  return html`<section aria-labelledby=${titleId} class="files" data-testid="files-panel">
    ${
      headingLevel === 2
        ? html`<h2 id=${titleId}>${title}</h2>`
        : html`<h3 id=${titleId}>${title}</h3>`
    }
    <${Alert}>${error}<//>
    ${files && files.length === 0 ? html`<p class="muted">${emptyText}</p>` : null}
    <ul class="files__list">
      ${(files ?? []).map(
        (f) =>
          html`<li key=${f.id} class="files__item" data-testid="file-item">
            <span>
              <strong>${f.documentName ?? f.originalName}</strong>
              <span class="muted">
                ${' '}· ${f.originalName} · ${TYPE_LABELS[f.mediaType] ?? f.mediaType},
                ${' '}${sizeLabel(f.sizeBytes)} · ${PURPOSE_LABELS[f.purpose] ?? 'Tải lên'}
                ${' '}${formatDateTime(f.uploadedAt)}</span
              >
            </span>
            <span class="files__buttons">
              <button
                type="button"
                class="button button--secondary"
                aria-label=${`Tải về: ${f.documentName ?? f.originalName}`}
                onClick=${() => save(f)}
              >
                Tải về
              </button>
            </span>
          </li>`,
      )}
    </ul>
  </section>`;
}
