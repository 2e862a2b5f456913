/** What every console and admin page shares: the head, and the sign-out form. */
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../auth/csrf';
import { CONSOLE_HOME } from '../../auth/next-path';

/** The common head (no indexing, the icon, the console stylesheet), then the page's own tags. */
export function PageHead({ title, children }: { title: string; children?: Child }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <link rel="icon" href={`${CONSOLE_HOME}/static/favicon.svg`} type="image/svg+xml" />
      <link rel="stylesheet" href={`${CONSOLE_HOME}/static/console.css`} />
      {children}
    </head>
  );
}

/** Sign-out is a POST with the session's CSRF token (a link could be triggered from elsewhere). */
export function SignOutForm({ csrfToken }: { csrfToken: string }) {
  return (
    <form method="post" action={`${CONSOLE_HOME}/logout`} class="logout-form">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      <button type="submit" class="button ghost">
        Sign out
      </button>
    </form>
  );
}
