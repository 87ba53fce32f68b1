// @ts-check
// Live updates of the dashboard: the metrics stream says "applications changed", the page
// fetches its figures again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, ApiError } from '../../api.js';
import { session } from '../../session.js';

const LABELS = {
  connecting: 'Đang kết nối cập nhật tự động…',
  on: 'Tự động cập nhật',
  retrying: 'Mất kết nối cập nhật tự động, đang thử lại…',
  off: 'Không tự động cập nhật: tải lại trang để xem số liệu mới',
};

const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/**
 * The metrics stream, opened with a single-use ticket fetched just before each (re)connect:
 * EventSource cannot send the bearer token, and its own reconnect would replay a used ticket,
 * so on any error the page closes it and starts over with a new ticket, backing off.
 * `base`: '/metrics' (the dashboards) or '/notifications' (the bell).
 * Returns 'connecting' | 'on' | 'retrying' | 'off'.
 * @param {() => void} onChanged
 * @param {string} [base]
 */
export function useLiveUpdates(onChanged, base = '/metrics') {
  const [live, setLive] = useState('connecting');
  const callback = useRef(onChanged);
  callback.current = onChanged;

  useEffect(() => {
    if (!session.value || typeof window.EventSource !== 'function') {
      setLive('off');
      return undefined;
    }
    let source = null;
    let timer = null;
    let stopped = false;
    let failures = 0;

    const retryLater = () => {
      failures += 1;
      setLive('retrying');
      timer = setTimeout(connect, Math.min(RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS));
    };

    async function connect() {
      timer = null;
      let ticket;
      try {
        ({ ticket } = await api(`${base}/stream-tickets`, { method: 'POST' }));
      } catch (error) {
        if (stopped) {
          return;
        }
        // 401 has already ended the session; 403: this account gets no live updates.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setLive('off');
        } else {
          retryLater(); // 503 while Redis is away, or the network: try again later
        }
        return;
      }
      if (stopped) {
        return;
      }
      const url = `/api/v1${base}/stream?ticket=${encodeURIComponent(ticket)}`;
      source = new window.EventSource(url);
      source.onopen = () => {
        // Changes made while disconnected were never announced: fetch once to catch up.
        if (failures > 0) {
          callback.current();
        }
        failures = 0;
        setLive('on');
      };
      source.onerror = () => {
        source.close();
        source = null;
        if (!stopped) {
          retryLater();
        }
      };
      source.onmessage = (event) => {
        try {
          if (JSON.parse(event.data).type === 'changed') {
            callback.current();
          }
        } catch {
          // not ours: ignore
        }
      };
    }

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [base]);

  return live;
}

/** The state in words; data-state is for tests and styles. */
export function LiveStatus({ live }) {
  return html`<span data-testid="live-status" data-state=${live}>${LABELS[live]}</span>`;
}
