// @ts-check
/**
 * The FAQ editor in the browser (pages from src/admin/faq/pages.tsx): picks the view the page
 * names in #faq-app's data-view and mounts it. Plain modules, no build step; every text from
 * the server becomes a text node (lib/dom.js), never HTML.
 */
import { byId } from '../lib/dom.js';
import { mountContacts } from './faq/contacts.js';
import { mountEditor } from './faq/editor.js';
import { mountHistory } from './faq/history.js';
import { mountImport } from './faq/import.js';
import { mountList } from './faq/list.js';

const root = byId('faq-app');
const home = root.dataset.home ?? '/console/admin/faq';
const entryId = root.dataset.entryId ?? '';

switch (root.dataset.view) {
  case 'list':
    mountList(root, home);
    break;
  case 'new':
    void mountEditor(root, home, '');
    break;
  case 'entry':
    void mountEditor(root, home, entryId);
    break;
  case 'history':
    void mountHistory(root, home, entryId);
    break;
  case 'contacts':
    void mountContacts(root, home);
    break;
  case 'import':
    mountImport(root, home);
    break;
  default:
    root.textContent = 'Unknown page.';
}
