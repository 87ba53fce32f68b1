// @ts-check
// PDFs behind the token: fetched as a blob, then shown in a new tab or saved under a name.
import { apiBlob, errorMessage } from './api.js';

/**
 * Opens the PDF in a new tab (opened inside the click, so no pop-up blocker stops it).
 * @param {string} path under /api/v1
 * @returns {Promise<string>} '' or the reason it failed, in Vietnamese
 */
export async function openPdf(path) {
  const tab = window.open('', '_blank');
  try {
    const url = URL.createObjectURL(await apiBlob(path));
    if (tab) {
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return '';
  } catch (error) {
    tab?.close();
    return errorMessage(error);
  }
}

/**
 * Saves the file under `filename` (a link with `download`, clicked once).
 * @param {string} path under /api/v1
 * @param {string} filename
 * @param {string} [accept]
 * @returns {Promise<string>} '' or the reason it failed, in Vietnamese
 */
export async function downloadFile(path, filename, accept) {
  try {
    const url = URL.createObjectURL(await apiBlob(path, accept));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return '';
  } catch (error) {
    return errorMessage(error);
  }
}
