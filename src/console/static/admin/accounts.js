// @ts-check
/**
 * The accounts pages work as plain forms; this adds what a script can do better: the typed
 * password field only while "type one" is chosen, a confirmation before forms that sign
 * someone out or change their rights (`data-confirm`), a copy button for a password shown
 * once, and one submission per click. Text only, never HTML.
 */

/** @param {HTMLFieldSetElement} choice */
function setUpPasswordChoice(choice) {
  const typed = /** @type {HTMLElement | null} */ (choice.querySelector('.password-typed'));
  const input = /** @type {HTMLInputElement | null} */ (choice.querySelector('input[name="password"]'));
  const radios = /** @type {NodeListOf<HTMLInputElement>} */ (choice.querySelectorAll('input[name="passwordMode"]'));
  if (!typed || !input) return;
  const sync = () => {
    const typing = [...radios].some((radio) => radio.checked && radio.value === 'type');
    typed.hidden = !typing;
    input.required = typing;
    if (!typing) input.value = '';
  };
  for (const radio of radios) {
    radio.addEventListener('change', () => {
      sync();
      if (radio.checked && radio.value === 'type') input.focus();
    });
  }
  sync();
}

/** @param {HTMLFormElement} form */
function setUpForm(form) {
  form.addEventListener('submit', (event) => {
    const message = form.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }
    // A second click while the first is on its way would post twice (a second reset, say).
    if (form.dataset.submitting === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = 'true';
    for (const button of form.querySelectorAll('button[type="submit"]')) button.classList.add('is-busy');
  });
  // Coming back with the browser's back button shows the page from its cache: allow again.
  window.addEventListener('pageshow', () => {
    delete form.dataset.submitting;
    for (const button of form.querySelectorAll('button[type="submit"]')) button.classList.remove('is-busy');
  });
}

/** @param {HTMLButtonElement} button */
function setUpCopy(button) {
  const source = document.getElementById(button.dataset.copy ?? '');
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.textContent ?? '');
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy it by hand';
    }
    setTimeout(() => (button.textContent = 'Copy'), 2500);
  });
}

for (const choice of document.querySelectorAll('fieldset[data-password-choice]')) setUpPasswordChoice(/** @type {HTMLFieldSetElement} */ (choice));
for (const form of document.querySelectorAll('form.admin-form')) setUpForm(/** @type {HTMLFormElement} */ (form));
for (const button of document.querySelectorAll('button[data-copy]')) setUpCopy(/** @type {HTMLButtonElement} */ (button));
