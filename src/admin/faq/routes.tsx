/** Admin: the FAQ editor - pages (server-rendered shells filled by admin/faq.js) and the JSON API. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { faqApi } from './api';
import { faqPages } from './pages';

export const faqAdmin = new Hono<AppEnv>();

faqAdmin.route('/api', faqApi);
faqAdmin.route('/', faqPages);
