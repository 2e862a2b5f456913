/**
 * The FAQ editor's pages: server-rendered shells in the admin layout, each naming its view in
 * `data-view`; admin/faq.js builds the view from the JSON API (text only, never HTML).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { EntryId } from '../../faq/schema';
import { ADMIN_HOME, AdminLayout } from '../views/layout';

export const faqPages = new Hono<AppEnv>();

export const FAQ_HOME = `${ADMIN_HOME}/faq`;

type View = 'list' | 'entry' | 'new' | 'history' | 'contacts' | 'import';

const TABS: Array<{ view: View; label: string; href: string }> = [
  { view: 'list', label: 'Entries', href: FAQ_HOME },
  { view: 'new', label: 'New entry', href: `${FAQ_HOME}/new` },
  { view: 'contacts', label: 'Contacts', href: `${FAQ_HOME}/contacts` },
  { view: 'import', label: 'Import and export', href: `${FAQ_HOME}/import` },
];

function page(c: Context<AppEnv>, title: string, view: View, entryId?: string) {
  const current = view === 'entry' || view === 'history' ? 'list' : view;
  const html = (
    <AdminLayout title={title} section="faq" staff={c.get('staff')} csrfToken={c.get('csrfToken')} scripts={['admin/faq.js']} styles={['admin/faq.css']}>
      <nav class="faq-tabs" aria-label="FAQ editor">
        {TABS.map((tab) => (
          <a href={tab.href} aria-current={tab.view === current ? 'page' : undefined}>
            {tab.label}
          </a>
        ))}
      </nav>
      <div id="faq-app" class="faq-app" data-view={view} data-entry-id={entryId ?? ''} data-home={FAQ_HOME} aria-live="polite">
        <p class="muted">Loading…</p>
      </div>
      <noscript>
        <p class="noscript">The FAQ editor needs JavaScript. Please enable it and reload.</p>
      </noscript>
    </AdminLayout>
  );
  return c.html(`<!DOCTYPE html>${html}`);
}

function entryPage(c: Context<AppEnv>, view: 'entry' | 'history') {
  const id = EntryId.safeParse(c.req.param('id'));
  if (!id.success) return c.text('There is no such FAQ entry.', 404);
  return page(c, view === 'entry' ? `FAQ entry ${id.data}` : `History of ${id.data}`, view, id.data);
}

faqPages.get('/', (c) => page(c, 'FAQ editor', 'list'));
faqPages.get('/new', (c) => page(c, 'New FAQ entry', 'new'));
faqPages.get('/contacts', (c) => page(c, 'FAQ contacts', 'contacts'));
faqPages.get('/import', (c) => page(c, 'Import and export the FAQ', 'import'));
faqPages.get('/entries/:id', (c) => entryPage(c, 'entry'));
faqPages.get('/entries/:id/history', (c) => entryPage(c, 'history'));
