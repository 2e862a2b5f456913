/**
 * What the bot says, as LINE messages: pure functions from a decision (or event) and the
 * resident's language to messages within LINE's limits. All text comes from `locales/` and
 * `knowledge/`.
 */
import type { TFunction } from 'i18next';
import { fillContacts, type Knowledge } from '../faq/knowledge';
import type { FaqEntry } from '../faq/schema';
import { LANGUAGES, type Language } from '../i18n/languages';
import { LOCALES } from '../i18n/i18n';
import { fitReply, type LineMessage, type QuickReplyChoice } from '../line/message-builder';
import type { Decision } from './decide';
import { encodePostback } from './postback';

export interface ComposeContext {
  t: TFunction;
  lang: Language;
  knowledge: Knowledge;
  byId: Map<string, FaqEntry>;
}

export type NonTextKind = 'sticker' | 'image' | 'video' | 'audio' | 'file' | 'location';

/** Related entries offered under an answer. */
const MAX_RELATED_CHOICES = 3;

const text = (value: string): LineMessage => ({ type: 'text', text: value });

function staffChoice(t: TFunction): QuickReplyChoice {
  return { label: t('quickReply.staff'), postback: encodePostback({ a: 'staff' }), displayText: t('quickReply.staff') };
}

function languageChoice(t: TFunction): QuickReplyChoice {
  return { label: t('quickReply.language'), postback: encodePostback({ a: 'langs' }), displayText: t('quickReply.language') };
}

function entryChoice(entry: FaqEntry, lang: Language): QuickReplyChoice {
  const title = entry.texts[lang].title;
  return { label: title, postback: encodePostback({ a: 'pick', e: entry.id }), displayText: title };
}

/** Every language, each named in itself, as quick replies. */
export function languagePicker(): QuickReplyChoice[] {
  return LANGUAGES.map((code) => ({
    label: LOCALES[code].language.name,
    postback: encodePostback({ a: 'lang', l: code }),
    displayText: LOCALES[code].language.name,
  }));
}

/** The entry's answer in the resident's language, contacts filled in. */
export function answerText(entry: FaqEntry, ctx: Pick<ComposeContext, 'lang' | 'knowledge'>): string {
  const localized = entry.texts[ctx.lang];
  return `${localized.title}\n\n${fillContacts(localized.answer, ctx.knowledge.contacts, ctx.lang)}`;
}

/** The reply to a decision; in an emergency the 110/119 notice comes first. */
export function composeDecision(decision: Decision, ctx: ComposeContext, options: { alreadyWaiting?: boolean } = {}): LineMessage[] {
  const { t, lang, byId } = ctx;
  const lead = decision.emergency ? [text(t('emergency.notice'))] : [];
  switch (decision.kind) {
    case 'answer': {
      const entry = byId.get(decision.entryId)!;
      const related = entry.related
        .map((id) => byId.get(id))
        .filter((e): e is FaqEntry => !!e)
        .slice(0, MAX_RELATED_CHOICES)
        .map((e) => entryChoice(e, lang));
      return fitReply(
        [...lead, text(answerText(entry, ctx))],
        [
          ...related,
          { label: t('quickReply.helpful'), postback: encodePostback({ a: 'fb', e: entry.id, v: '1' }), displayText: t('quickReply.helpful') },
          { label: t('quickReply.notHelpful'), postback: encodePostback({ a: 'fb', e: entry.id, v: '0' }), displayText: t('quickReply.notHelpful') },
          staffChoice(t),
          languageChoice(t),
        ],
      );
    }
    case 'clarify': {
      const entries = decision.candidates.map((id) => byId.get(id)).filter((e): e is FaqEntry => !!e);
      const list = entries.map((entry, i) => `${i + 1}. ${entry.texts[lang].title}`).join('\n');
      return fitReply([...lead, text(`${t('clarify.prompt')}\n\n${list}`)], [
        ...entries.map((entry) => entryChoice(entry, lang)),
        staffChoice(t),
        languageChoice(t),
      ]);
    }
    case 'fallback':
      return fitReply([...lead, text(t('fallback.text'))], [staffChoice(t), languageChoice(t)]);
    case 'human':
      return fitReply([...lead, text(t(options.alreadyWaiting ? 'human.alreadyWaiting' : 'human.confirm'))]);
  }
}

/** The welcome after a follow: a greeting, then the language picker. */
export function composeGreeting(ctx: Pick<ComposeContext, 't'>, displayName: string | undefined): LineMessage[] {
  const { t } = ctx;
  const hello = displayName ? t('greeting.hello', { name: displayName }) : t('greeting.helloAnonymous');
  return fitReply([text(`${hello}\n${t('greeting.welcome')}`), text(t('language.prompt'))], languagePicker());
}

export function composeLanguagePicker(ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  return fitReply([text(ctx.t('language.prompt'))], languagePicker());
}

export function composeLanguageChanged(ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  return fitReply([text(ctx.t('language.changed'))], [languageChoice(ctx.t)]);
}

/** A kind reply to a sticker, picture, file or location. */
export function composeNonText(kind: NonTextKind, ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  const key = kind === 'sticker' ? 'sticker' : kind === 'image' ? 'image' : kind === 'location' ? 'location' : 'media';
  return fitReply([text(ctx.t(`nonText.${key}`))], [staffChoice(ctx.t), languageChoice(ctx.t)]);
}

export function composeFeedback(helpful: boolean, ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  return helpful
    ? fitReply([text(ctx.t('feedback.thanks'))])
    : fitReply([text(ctx.t('feedback.sorry'))], [staffChoice(ctx.t), languageChoice(ctx.t)]);
}

/** One message for a group or room, in every language: nobody's language is known there. */
export function composeGroupNotice(): LineMessage[] {
  return fitReply([text(LANGUAGES.map((code) => LOCALES[code].group.notice).join('\n\n'))]);
}
