// @ts-check
/**
 * The analytics page (src/admin/analytics/page.tsx) is drawn on the server and works without
 * script; this only applies a new period as soon as it is picked, and keeps the end date
 * within the days that have happened.
 */

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('analytics-period'));
if (form) {
  const days = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem('days'));
  const end = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('end'));
  days?.addEventListener('change', () => form.requestSubmit());
  end?.addEventListener('change', () => {
    // Typing a date fires change on every complete date; only a valid one is applied.
    if (end.value && end.checkValidity()) form.requestSubmit();
  });
  form.addEventListener('submit', () => form.setAttribute('aria-busy', 'true'));
}
