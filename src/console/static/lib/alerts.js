// @ts-check
/**
 * Telling staff that a resident needs a person: a short two-tone beep (WebAudio, no audio
 * file), a browser notification, a spoken announcement for screen readers, and a count in the
 * tab title while the tab is in the background. Sound and notifications are opt-in from a
 * button: browsers only allow them after the person has done something on the page.
 */
import { byId } from './dom.js';

const STORAGE_KEY = 'yorisoi.alerts';
const BASE_TITLE = document.title;

/** @type {AudioContext | undefined} */
let audio;
let enabled = localStorage.getItem(STORAGE_KEY) === 'on';
let unseen = 0;

function unlockAudio() {
  if (!enabled) return;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume();
}

function render() {
  const button = byId('alerts-button');
  const permission = 'Notification' in window ? Notification.permission : 'denied';
  button.setAttribute('aria-pressed', String(enabled));
  button.textContent = !enabled ? 'Turn on alerts' : permission === 'granted' ? 'Alerts on' : 'Sound on (notifications blocked)';
  button.title = enabled ? 'Turn off the sound and notifications' : 'Play a sound and show a notification when a resident asks for a person';
}

/** Wires the alerts button; call once. */
export function setUpAlerts() {
  const button = byId('alerts-button');
  button.addEventListener('click', async () => {
    enabled = !enabled;
    localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
    if (enabled) {
      unlockAudio();
      if ('Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
      beep();
    }
    render();
  });
  // After a reload the setting is remembered, but audio still waits for the first click or key.
  document.addEventListener('pointerdown', unlockAudio, { capture: true });
  document.addEventListener('keydown', unlockAudio, { capture: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      unseen = 0;
      document.title = BASE_TITLE;
    }
  });
  render();
}

/** A short, friendly two-tone beep. */
export function beep() {
  if (!enabled || !audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 660],
  ]) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.17);
  }
}

/**
 * Says something to screen-reader users at once.
 * @param {string} text
 */
export function announce(text) {
  const announcer = byId('announcer');
  announcer.textContent = '';
  // A fresh text node after clearing, so the same sentence twice is read twice.
  window.setTimeout(() => (announcer.textContent = text), 50);
}

/**
 * A resident needs a person: sound, notification, announcement, tab title.
 * @param {string} title
 * @param {string} body
 * @param {() => void} [onClick]
 */
export function alertStaff(title, body, onClick) {
  announce(`${title}: ${body}`);
  if (document.visibilityState !== 'visible') {
    unseen++;
    document.title = `(${unseen}) ${BASE_TITLE}`;
  }
  if (!enabled) return;
  beep();
  if ('Notification' in window && Notification.permission === 'granted') {
    // The tag folds a burst of requests into one notification instead of a pile.
    const notification = new Notification(title, { body, tag: 'yorisoi-request' });
    notification.addEventListener('click', () => {
      window.focus();
      onClick?.();
      notification.close();
    });
  }
}
