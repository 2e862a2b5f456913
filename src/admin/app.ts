/**
 * The admin pages and API, under /console/admin: the same login as the staff console, role
 * `admin` only. Each section is its own sub-app with its pages (/<section>) and JSON API
 * (/<section>/api/...); every change an admin makes is written to the audit log.
 */
import { Hono } from 'hono';
import { requireStaff } from '../auth/middleware';
import type { AppEnv } from '../env';
import { accountsAdmin } from './accounts/routes';
import { analyticsAdmin } from './analytics/routes';
import { disasterAdmin } from './disaster/routes';
import { faqAdmin } from './faq/routes';
import { reviewAdmin } from './review/routes';
import { ADMIN_HOME } from './views/layout';

export const adminApp = new Hono<AppEnv>();

adminApp.use('*', requireStaff({ role: 'admin' }));
adminApp.get('/', (c) => c.redirect(`${ADMIN_HOME}/faq`, 302));
adminApp.route('/faq', faqAdmin);
adminApp.route('/review', reviewAdmin);
adminApp.route('/disaster', disasterAdmin);
adminApp.route('/analytics', analyticsAdmin);
// Accounts and the audit log share one sub-app (/accounts, /audit).
adminApp.route('/', accountsAdmin);
