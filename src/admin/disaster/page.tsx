/**
 * The disaster mode page: the current state, the switch (a template, then the notice in every
 * language side by side with how it looks in LINE), the broadcast and its live progress, and
 * the history from the audit log. Server-rendered with the current notices; admin/disaster.js
 * adds the previews, the switch, the broadcast and the polling (no inline script or style).
 */
import type { SessionStaff } from '../../auth/session';
import { MAX_NOTICE_LENGTH, TEMPLATE_IDS, type DisasterState, type Notices, type TemplateId } from '../../disaster/state';
import { LOCALES } from '../../i18n/i18n';
import { LANGUAGES } from '../../i18n/languages';
import { AdminLayout, ADMIN_HOME } from '../views/layout';

export const DISASTER_HOME = `${ADMIN_HOME}/disaster`;

/** The templates as admins read them (the page is in English). */
export const TEMPLATE_LABELS: Record<TemplateId, string> = {
  earthquake: 'Earthquake',
  'heavy-rain': 'Heavy rain',
  typhoon: 'Typhoon',
  custom: 'Other (general notice)',
};

export interface DisasterPageProps {
  staff: SessionStaff;
  csrfToken: string;
  state: DisasterState;
  /** The form's starting point: the current notice when on, else a template. */
  template: TemplateId;
  notices: Notices;
  /** Every template's notices, put on the textareas so choosing a template needs no request. */
  templates: Record<TemplateId, Notices>;
  audience: number;
}

export function DisasterPage({ staff, csrfToken, state, template, notices, templates, audience }: DisasterPageProps) {
  return (
    <AdminLayout title="Disaster mode" section="disaster" staff={staff} csrfToken={csrfToken} scripts={['admin/disaster.js']} styles={['admin/disaster.css']}>
      <p class="admin-lead">
        When an earthquake, heavy rain or a typhoon hits, switch disaster mode on. Every reply of the bot then begins with the notice below, in the
        resident's language; questions that could be about the disaster are answered with the disaster entries; new friends get a disaster greeting.
        You can also send the notice to every resident who follows the bot.
      </p>

      <section class="admin-card disaster-state" id="disaster-state" data-active={state.active ? 'true' : 'false'} aria-labelledby="disaster-state-title">
        <h2 class="admin-card-title" id="disaster-state-title">
          Now: <span id="disaster-state-label">{state.active ? 'Disaster mode is ON' : 'Normal mode'}</span>
        </h2>
        <p id="disaster-state-detail" class="muted">
          {state.active ? `Template: ${TEMPLATE_LABELS[state.template]}` : 'The bot answers as usual.'}
        </p>
        <div class="button-row">
          <button type="button" class="button" id="disaster-off" hidden={!state.active}>
            Switch disaster mode off
          </button>
          <button type="button" class="button" id="disaster-broadcast-now" hidden>
            Send the notice to every following resident
          </button>
        </div>
        <p id="disaster-status" class="notice" role="status" aria-live="polite"></p>
      </section>

      <section class="admin-card disaster-progress" id="disaster-progress" aria-labelledby="disaster-progress-title" hidden>
        <h2 class="admin-card-title" id="disaster-progress-title">
          Broadcast
        </h2>
        <div id="disaster-progress-body" aria-live="polite"></div>
      </section>

      <form id="disaster-form" class="admin-form admin-card" method="post" action={`${DISASTER_HOME}/api/on`} novalidate>
        <h2 class="admin-card-title" id="disaster-form-title">
          {state.active ? 'Change the notice' : 'Switch disaster mode on'}
        </h2>
        <fieldset class="field disaster-templates">
          <legend>Template</legend>
          <p class="field-hint">Choosing a template fills every language with its text; edit each language as you need. All ten are required.</p>
          <div class="disaster-template-choices">
            {TEMPLATE_IDS.map((id) => (
              <label class="check disaster-template">
                <input type="radio" name="template" value={id} checked={id === template} />
                <span>{TEMPLATE_LABELS[id]}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div class="lang-grid disaster-notices">
          {LANGUAGES.map((lang) => (
            <div class="lang-col" data-lang={lang}>
              <h3 class="lang-col-head">
                <label for={`notice-${lang}`}>{LOCALES[lang].language.name}</label>
                <span class="lang-badge">{lang}</span>
              </h3>
              <div class="field">
                <textarea
                  id={`notice-${lang}`}
                  name={`notices.${lang}`}
                  data-lang={lang}
                  rows={10}
                  maxlength={MAX_NOTICE_LENGTH}
                  lang={lang}
                  required
                  aria-describedby={`notice-${lang}-count notice-${lang}-error`}
                  {...Object.fromEntries(TEMPLATE_IDS.map((id) => [`data-template-${id}`, templates[id][lang]]))}
                >
                  {notices[lang]}
                </textarea>
                <p class="field-hint" id={`notice-${lang}-count`} data-count-for={lang}>
                  {`${notices[lang].length} / ${MAX_NOTICE_LENGTH}`}
                </p>
                <p class="field-error" id={`notice-${lang}-error`} data-error-for={lang}></p>
              </div>
              <div class="line-preview" aria-label={`How the notice looks in LINE (${LOCALES[lang].language.name})`}>
                <div class="line-bubble" data-preview-for={lang} lang={lang}>
                  {notices[lang]}
                </div>
              </div>
            </div>
          ))}
        </div>

        <div class="check disaster-broadcast-choice">
          <input type="checkbox" id="disaster-broadcast" name="broadcast" />
          <label for="disaster-broadcast">
            Also send this notice now to every resident who follows the bot (<span id="disaster-audience">{audience}</span>), each in their language
          </label>
        </div>
        <p class="form-errors" id="disaster-form-errors" role="alert"></p>
        <div class="form-actions">
          <button type="submit" class="button danger solid" id="disaster-on">
            {state.active ? 'Save the changed notice' : 'Switch disaster mode on'}
          </button>
        </div>
      </form>

      <section class="admin-card" aria-labelledby="disaster-history-title">
        <h2 class="admin-card-title" id="disaster-history-title">
          History
        </h2>
        <div id="disaster-history">
          <p class="empty">Loading…</p>
        </div>
      </section>
      <noscript>
        <p class="notice" data-tone="warn">
          This page needs JavaScript to switch disaster mode (the JSON API is at {DISASTER_HOME}/api/state).
        </p>
      </noscript>
    </AdminLayout>
  );
}
