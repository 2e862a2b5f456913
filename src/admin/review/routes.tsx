/** Admin: the unanswered review (issue 5, section 3): the page and its JSON API. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { loadKnowledge } from '../../db/knowledge';
import { isLanguage } from '../../i18n/languages';
import { reviewApi } from './api';
import { REVIEW_SOURCES, type ReviewSource } from './groups';
import { ReviewPage } from './page';

export const reviewAdmin = new Hono<AppEnv>();

reviewAdmin.route('/api', reviewApi);

reviewAdmin.get('/', async (c) => {
  const language = c.req.query('language');
  const source = c.req.query('source');
  const knowledge = await loadKnowledge(c.env.DB);
  const page = (
    <ReviewPage
      staff={c.get('staff')}
      csrfToken={c.get('csrfToken')}
      filter={{
        language: isLanguage(language) ? language : undefined,
        source: (REVIEW_SOURCES as readonly string[]).includes(source ?? '') ? (source as ReviewSource) : undefined,
      }}
      entries={knowledge.entries.map((entry) => ({ id: entry.id, title: entry.texts.en.title }))}
    />
  );
  return c.html(`<!DOCTYPE html>${page}`);
});
