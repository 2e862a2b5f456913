/**
 * The notice templates an admin starts from (`disaster.templates` in `locales/`): earthquake,
 * heavy rain, typhoon and a general one, each in all ten languages, written from the vetted
 * disaster facts only (110/119, the prefecture's shelter portal, NTT 171).
 */
import { LOCALES } from '../i18n/i18n';
import { LANGUAGES } from '../i18n/languages';
import { TEMPLATE_IDS, type Notices, type TemplateId } from './state';

/** One template's notice in every language, as the admin form starts it. */
export function templateNotices(template: TemplateId): Notices {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, LOCALES[lang].disaster.templates[template]])) as Notices;
}

/** Every template, for the admin page. */
export function allTemplates(): Record<TemplateId, Notices> {
  return Object.fromEntries(TEMPLATE_IDS.map((id) => [id, templateNotices(id)])) as Record<TemplateId, Notices>;
}
