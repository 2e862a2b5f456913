/** The console page's frame: top bar, queue column, conversation pane (filled by console.js). */
import type { SessionStaff } from '../../auth/session';
import { PageHead, SignOutForm } from './page-parts';

export interface ConsoleShellProps {
  staff: SessionStaff;
  csrfToken: string;
  home: string;
}

const FILTERS = [
  { id: 'waiting', label: 'Waiting' },
  { id: 'mine', label: 'Mine' },
  { id: 'all', label: 'All active' },
  { id: 'resolved', label: 'Resolved' },
] as const;

export function ConsoleShell({ staff, csrfToken, home }: ConsoleShellProps) {
  return (
    <html lang="en">
      <PageHead title="Yorisoi console">
        {/* The client script reads these: the token goes back in the x-csrf-token header. */}
        <meta name="csrf-token" content={csrfToken} />
        <meta name="staff-id" content={String(staff.id)} />
        <meta name="staff-name" content={staff.displayName} />
        <script type="module" src={`${home}/static/console.js`}></script>
      </PageHead>
      <body class="console-page">
        <a class="skip-link" href="#conversation">
          Skip to the conversation
        </a>
        <header class="topbar">
          <p class="brand">
            Yorisoi <span class="brand-sub">staff console</span>
          </p>
          <p id="live-status" class="live-status" data-state="connecting" role="status">
            <span id="live-status-text">Connecting…</span>
          </p>
          <div class="topbar-actions">
            <button id="alerts-button" type="button" class="button ghost" aria-pressed="false">
              Turn on alerts
            </button>
            <p class="whoami">
              <span class="visually-hidden">Signed in as </span>
              <span id="staff-name">{staff.displayName}</span>
              {staff.role === 'admin' && <span class="role-badge">admin</span>}
            </p>
            <SignOutForm csrfToken={csrfToken} />
          </div>
        </header>
        <main id="layout" class="layout" data-view="queue">
          <section id="queue" class="queue" aria-labelledby="queue-title">
            <h1 id="queue-title" class="visually-hidden">
              Conversations
            </h1>
            <nav class="filters" aria-label="Which conversations">
              {FILTERS.map((filter) => (
                <button type="button" class="filter" data-filter={filter.id} aria-pressed={filter.id === 'waiting' ? 'true' : 'false'}>
                  {filter.label}
                  {filter.id === 'waiting' && <span class="filter-count" id="waiting-count"></span>}
                  {filter.id === 'mine' && <span class="filter-count" id="mine-count"></span>}
                </button>
              ))}
            </nav>
            <p id="queue-status" class="queue-status" aria-live="polite"></p>
            <ul id="queue-list" class="queue-list" aria-label="Conversations"></ul>
          </section>
          <section id="conversation" class="conversation" aria-label="Conversation" tabindex={-1}>
            <div class="empty-state">
              <p>Choose a conversation from the queue.</p>
              <p class="hint">New requests for a person appear at once; turn on alerts to hear them.</p>
            </div>
          </section>
        </main>
        <div id="announcer" class="visually-hidden" aria-live="assertive"></div>
        <noscript>
          <p class="noscript">The console needs JavaScript. Please enable it and reload.</p>
        </noscript>
      </body>
    </html>
  );
}
