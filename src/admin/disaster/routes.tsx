/** Admin: disaster mode and broadcasts - the page (filled by admin/disaster.js) and its JSON API. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { followingAudience, readDisaster } from '../../disaster/store';
import { allTemplates } from '../../disaster/templates';
import { disasterApi } from './api';
import { DisasterPage } from './page';

export const disasterAdmin = new Hono<AppEnv>();

disasterAdmin.route('/api', disasterApi);

disasterAdmin.get('/', async (c) => {
  const [{ state }, audience] = await Promise.all([readDisaster(c.env.DB), followingAudience(c.env.DB)]);
  const template = state.active ? state.template : 'earthquake';
  const templates = allTemplates();
  const notices = state.active ? state.notices : templates[template];
  const page = (
    <DisasterPage staff={c.get('staff')} csrfToken={c.get('csrfToken')} state={state} template={template} notices={notices} templates={templates} audience={audience.total} />
  );
  return c.html(`<!DOCTYPE html>${page}`);
});
