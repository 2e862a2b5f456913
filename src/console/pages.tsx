/**
 * The console's one page: a server-rendered shell (who is signed in, the CSRF token, sign-out)
 * that the client script in src/console/static/ fills from the JSON API. The shell has no
 * inline script or style (the CSP forbids both), and every value in it is escaped by JSX.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { CONSOLE_HOME } from '../auth/next-path';
import { ConsoleShell } from './views/shell';

export const consolePages = new Hono<AppEnv>();

consolePages.get('/', (c) => {
  const staff = c.get('staff');
  const page = <ConsoleShell staff={staff} csrfToken={c.get('csrfToken')} home={CONSOLE_HOME} />;
  return c.html(`<!DOCTYPE html>${page}`);
});
