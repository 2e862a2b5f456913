/** Admin: analytics (issue 5, section 5): the page with its charts, and the same report as JSON. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env';
import { loadAnalytics } from '../../db/analytics';
import { loadKnowledge } from '../../db/knowledge';
import { indexFor } from '../../faq/knowledge';
import { idfWeights } from '../review/cluster';
import { ANALYTICS_HOME, AnalyticsPage } from './page';
import { dayText, periodFromQuery, tokyoDay } from './period';
import { buildReport, type Report } from './report';

export const analyticsAdmin = new Hono<AppEnv>();

/** The report for the period the query asks for (`days` 7/30/90, `end` YYYY-MM-DD; default the last 30 days). */
async function reportFor(db: D1Database, query: { days?: string; end?: string }): Promise<Report> {
  const asked = periodFromQuery(query);
  if (!asked.ok) throw new HTTPException(400, { message: asked.error });
  const [rows, knowledge] = await Promise.all([loadAnalytics(db, asked.period), loadKnowledge(db)]);
  const index = indexFor(knowledge);
  return buildReport(rows, asked.period, {
    title: (entryId) => index.byId.get(entryId)?.texts.en.title ?? entryId,
    grouping: idfWeights(index.index),
  });
}

analyticsAdmin.get('/api', async (c) => c.json(await reportFor(c.env.DB, c.req.query())));

analyticsAdmin.get('/', async (c) => {
  const query = c.req.query();
  // A hand-edited address with a period the picker does not offer: show the default one.
  if (!periodFromQuery(query).ok) return c.redirect(ANALYTICS_HOME, 302);
  const report = await reportFor(c.env.DB, query);
  const page = <AnalyticsPage staff={c.get('staff')} csrfToken={c.get('csrfToken')} report={report} today={dayText(tokyoDay(Date.now()))} />;
  return c.html(`<!DOCTYPE html>${page}`);
});
