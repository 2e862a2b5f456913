/**
 * The staff console, served by the same Worker under /console: security headers on every
 * response, the login pages, then (behind the staff login) the pages, the JSON API and the
 * residents' media.
 */
import { Hono } from 'hono';
import { requireStaff, securityHeaders } from '../auth/middleware';
import { authRoutes } from '../auth/routes';
import type { AppEnv } from '../env';
import { adminApp } from '../admin/app';
import { mediaRoutes } from '../media/routes';
import { consoleApi } from './api';
import { consoleAssets } from './assets';
import { consolePages } from './pages';

export const consoleApp = new Hono<AppEnv>();

consoleApp.use('*', securityHeaders());
// Before the login check: the login page needs the stylesheet.
consoleApp.route('/static', consoleAssets);
consoleApp.route('/', authRoutes);
consoleApp.use('*', requireStaff());
consoleApp.route('/api', consoleApi);
consoleApp.route('/media', mediaRoutes);
consoleApp.route('/admin', adminApp);
consoleApp.route('/', consolePages);
