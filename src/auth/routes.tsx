/**
 * The console's sign-in routes, a sub-app mounted at `/console`: the login page and form,
 * logout, and `/api/me` (who is signed in, and the CSRF token the client script sends back).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { findStaffCredentials, LOGIN_MAX_LENGTH, setPasswordHash } from '../db/staff';
import { checkCsrf, checkOrigin, checkToken, clearLoginCsrf, CSRF_FIELD, CSRF_MESSAGES, issueLoginCsrf, readLoginCsrf } from './csrf';
import { requireStaff } from './middleware';
import { CONSOLE_HOME, safeNextPath } from './next-path';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyPassword } from './password';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from './rate-limit';
import { clearSessionCookie, createSession, deleteSession, readSessionCookie, resolveSession, setSessionCookie } from './session';
import { PageHead } from '../console/views/page-parts';

/** What a person sees when sign-in fails; it never says which of the two fields was wrong. */
export const LOGIN_ERRORS = {
  credentials: 'The login name or password is incorrect.',
  missing: 'Enter your login name and password.',
  tooLong: 'The login name or password is too long.',
  notForm: 'The sign-in form was not sent as a form. Reload the page and try again.',
  expired: 'The sign-in form expired or came from another site. Please try again.',
  throttled: (minutes: number) => `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
} as const;

interface LoginPageProps {
  csrfToken: string;
  next?: string;
  login?: string;
  error?: string;
}

/** Rendered through JSX only, so every value (the login name typed, `next`) is escaped. */
function LoginPage({ csrfToken, next, login, error }: LoginPageProps) {
  return (
    <html lang="en">
      <PageHead title="Sign in · Yorisoi console" />
      <body class="login-page">
        <main>
          <h1>Yorisoi staff console</h1>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <form class="login-form" method="post" action={`${CONSOLE_HOME}/login`}>
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            {next && <input type="hidden" name="next" value={next} />}
            <label for="login">Login name</label>
            <input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck={false} required maxlength={LOGIN_MAX_LENGTH} value={login ?? ''} autofocus={!login} />
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength={PASSWORD_MAX_LENGTH} autofocus={!!login} />
            <button type="submit">Sign in</button>
          </form>
        </main>
      </body>
    </html>
  );
}

/** The login page with a fresh double-submit token (cookie and hidden field). */
function loginPage(c: Context<AppEnv>, status: 200 | 400 | 401 | 403 | 429, props: Omit<LoginPageProps, 'csrfToken'> = {}): Response {
  const page = <LoginPage csrfToken={issueLoginCsrf(c)} {...props} />;
  return c.html(`<!DOCTYPE html>${page}`, status);
}

export const authRoutes = new Hono<AppEnv>();

authRoutes.get('/login', async (c) => {
  const next = safeNextPath(c.req.query('next'));
  const current = await resolveSession(c.env.DB, readSessionCookie(c));
  if (current.ok) return c.redirect(next ?? CONSOLE_HOME, 302);
  return loginPage(c, 200, { next });
});

authRoutes.post(
  '/login',
  bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('request refused: the sign-in form is too large', 413) }),
  async (c) => {
    let form: Record<string, string | File>;
    try {
      const type = c.req.header('content-type') ?? '';
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) throw new Error('not a form');
      form = await c.req.parseBody();
    } catch {
      return loginPage(c, 400, { error: LOGIN_ERRORS.notForm });
    }
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const next = safeNextPath(field('next'));
    const login = field('login')?.trim() ?? '';
    const password = field('password') ?? '';

    // No session yet: the login form's own double-submit token stands in for the session's.
    const origin = checkOrigin(c.req.url, c.req.header('origin'), c.req.header('sec-fetch-site'));
    const csrf = origin.ok ? checkToken(readLoginCsrf(c), field(CSRF_FIELD)) : origin;
    if (!csrf.ok) {
      console.warn('login refused', CSRF_MESSAGES[csrf.reason]);
      return loginPage(c, 403, { next, error: LOGIN_ERRORS.expired });
    }

    if (!login || !password) return loginPage(c, 400, { next, login, error: LOGIN_ERRORS.missing });
    if (login.length > LOGIN_MAX_LENGTH || [...password].length > PASSWORD_MAX_LENGTH) {
      return loginPage(c, 400, { next, error: LOGIN_ERRORS.tooLong });
    }

    const ip = c.req.header('cf-connecting-ip');
    const throttle = await checkLoginThrottle(c.env.DB, { login, ip });
    if (!throttle.ok) {
      c.header('Retry-After', String(throttle.retryAfterSeconds));
      return loginPage(c, 429, { next, login, error: LOGIN_ERRORS.throttled(Math.ceil(throttle.retryAfterSeconds / 60)) });
    }

    const account = await findStaffCredentials(c.env.DB, login);
    // Unknown and disabled names still pay for a hash, so timing does not tell who has an account.
    const matches = await verifyPassword(password, account?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!account || account.staff.disabled || !matches) {
      await recordLoginFailure(c.env.DB, { login, ip });
      return loginPage(c, 401, { next, login, error: LOGIN_ERRORS.credentials });
    }

    const { staff, passwordHash } = account;
    await clearLoginFailures(c.env.DB, login);
    if (needsRehash(passwordHash)) await setPasswordHash(c.env.DB, staff.id, await hashPassword(password));
    // A fresh token at every login: a session id someone planted before sign-in is worth nothing.
    await deleteSession(c.env.DB, readSessionCookie(c));
    const session = await createSession(c.env.DB, staff.id);
    setSessionCookie(c, session.token);
    clearLoginCsrf(c);
    return c.redirect(next ?? CONSOLE_HOME, 303);
  },
);

authRoutes.post('/logout', async (c) => {
  const token = readSessionCookie(c);
  const current = await resolveSession(c.env.DB, token);
  if (current.ok) {
    // Only a live session is worth protecting; without one there is nothing to forge.
    const csrf = await checkCsrf(c, current.session.csrfToken);
    if (!csrf.ok) return c.text(CSRF_MESSAGES[csrf.reason], 403);
    await deleteSession(c.env.DB, token);
  }
  clearSessionCookie(c);
  return c.redirect(`${CONSOLE_HOME}/login`, 303);
});

authRoutes.get('/api/me', requireStaff(), (c) => {
  const staff = c.get('staff');
  return c.json({ id: staff.id, login: staff.login, displayName: staff.displayName, role: staff.role, csrfToken: c.get('csrfToken') });
});
