// @ts-check
/**
 * Live updates: one WebSocket to /console/api/live (the ConsoleHub). It reconnects with
 * exponential backoff and jitter, and after every (re)connection the console reloads what it
 * shows, since events sent while the socket was down are not replayed.
 */

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
// The hub answers "ping" without waking up; it keeps proxies from closing an idle socket.
const PING_MS = 25_000;

/**
 * @typedef {{ type: 'conversation', conversationId?: number, userId: string, request?: boolean }} ConsoleEvent
 * @typedef {'connecting' | 'live' | 'offline'} LiveState
 * @typedef {{ onEvent: (event: ConsoleEvent) => void, onConnected: () => void, onState: (state: LiveState, retryInMs?: number) => void, onClosed?: (code: number) => void }} LiveOptions
 */

/**
 * Opens the socket and keeps it open until `stop()`.
 * @param {LiveOptions} options
 */
export function connectLive(options) {
  let attempt = 0;
  let stopped = false;
  /** @type {WebSocket | undefined} */
  let socket;
  /** @type {number | undefined} */
  let pingTimer;
  /** @type {number | undefined} */
  let retryTimer;

  function connect() {
    window.clearTimeout(retryTimer);
    retryTimer = undefined;
    options.onState('connecting');
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/console/api/live`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      options.onState('live');
      options.onConnected();
      pingTimer = window.setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), PING_MS);
    });
    ws.addEventListener('message', (message) => {
      if (message.data === 'pong') return;
      let event;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (event && event.type === 'conversation' && typeof event.userId === 'string') options.onEvent(event);
    });
    ws.addEventListener('close', (close) => {
      window.clearInterval(pingTimer);
      if (socket !== ws || stopped) return;
      socket = undefined;
      options.onClosed?.(close.code);
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      options.onState('offline', delay);
      retryTimer = window.setTimeout(connect, delay);
    });
  }

  // Back from a sleeping laptop or a background tab: do not wait out the backoff.
  function reconnectNow() {
    if (!stopped && document.visibilityState === 'visible' && !socket) connect();
  }
  document.addEventListener('visibilitychange', reconnectNow);
  window.addEventListener('online', reconnectNow);

  connect();
  return {
    reconnectNow,
    stop() {
      stopped = true;
      window.clearTimeout(retryTimer);
      socket?.close(1000, 'bye');
    },
  };
}
