/**
 * The review queue page: filters, the re-check button and the list that review.js fills from
 * the JSON API. The FAQ entries are listed once in a <datalist> for the "which entry" fields.
 */
import type { SessionStaff } from '../../auth/session';
import { LANGUAGES } from '../../i18n/languages';
import { AdminLayout, ADMIN_HOME } from '../views/layout';
import type { ReviewSource } from './groups';
import { LANGUAGE_NAMES } from './language-names';

export interface ReviewPageProps {
  staff: SessionStaff;
  csrfToken: string;
  filter: { language?: string; source?: ReviewSource };
  entries: Array<{ id: string; title: string }>;
}

export const REVIEW_HOME = `${ADMIN_HOME}/review`;

export function ReviewPage({ staff, csrfToken, filter, entries }: ReviewPageProps) {
  return (
    <AdminLayout title="Unanswered questions" section="review" staff={staff} csrfToken={csrfToken} scripts={['admin/review.js']} styles={['admin/review.css']}>
      <p class="admin-lead">
        What residents asked that the bot could not answer, and answers they rated “not helpful”, grouped by similar question. Add the question to the
        entry that answers it, start a new entry, or dismiss it. The queue shrinks as the FAQ learns.
      </p>
      <form class="admin-toolbar review-toolbar" id="review-filter" method="get" action={REVIEW_HOME} role="search" aria-label="Filter the queue">
        <div class="field">
          <label for="review-language">Language</label>
          <select id="review-language" name="language">
            <option value="">All languages</option>
            {LANGUAGES.map((lang) => (
              <option value={lang} selected={filter.language === lang}>
                {LANGUAGE_NAMES[lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="review-source">Source</label>
          <select id="review-source" name="source">
            <option value="">Both</option>
            <option value="unanswered" selected={filter.source === 'unanswered'}>
              Not answered (fallbacks)
            </option>
            <option value="feedback" selected={filter.source === 'feedback'}>
              Rated “not helpful”
            </option>
          </select>
        </div>
        <button type="submit" class="button" id="review-apply">
          Show
        </button>
        <span class="grow"></span>
        <button type="button" class="button primary" id="review-recheck" disabled>
          Re-check with the current FAQ
        </button>
      </form>
      <p id="review-status" class="notice" role="status" aria-live="polite"></p>
      <p id="review-summary" class="review-summary muted"></p>
      <div id="review-groups" class="review-groups" aria-busy="true">
        <p class="empty">Loading the queue…</p>
      </div>
      <noscript>
        <p class="notice" data-tone="warn">
          This page needs JavaScript to show the queue (the JSON API is at {REVIEW_HOME}/api/groups).
        </p>
      </noscript>
      <datalist id="review-entries">
        {entries.map((entry) => (
          <option value={entry.id}>{entry.title}</option>
        ))}
      </datalist>
    </AdminLayout>
  );
}
