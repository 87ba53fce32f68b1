// @ts-check
// A small history router: the current location is a signal, links push state.
import { signal } from '@preact/signals';
import { html } from './html.js';

export const BASE = '/app';

function read() {
  const path = window.location.pathname.replace(/\/+$/, '') || BASE;
  return { path, query: new URLSearchParams(window.location.search) };
}

export const location = signal(read());

/**
 * @param {string} to a path under /app, with its query
 * @param {{ replace?: boolean }} [options]
 */
export function navigate(to, { replace = false } = {}) {
  window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  location.value = read();
}

window.addEventListener('popstate', () => {
  location.value = read();
});

/** An ordinary link (new tab, copy address still work) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }) {
  /** @param {MouseEvent} event */
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}
