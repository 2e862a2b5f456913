/**
 * What the bot says, as LINE messages: pure functions from a decision (or event) and the
 * resident's language to messages within LINE's limits. All text comes from `locales/` and
 * `knowledge/`.
 */
import type { TFunction } from 'i18next';
import { fillContacts, type Knowledge } from '../faq/knowledge';
import type { FaqEntry } from '../faq/schema';
import { intlLocale, LANGUAGES, type Language } from '../i18n/languages';
import { LOCALES } from '../i18n/i18n';
import { fitReply, type LineMessage, type QuickReplyChoice, type Sender } from '../line/message-builder';
import type { HandoffReason } from '../handoff/policy';
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
export function composeDecision(decision: Decision, ctx: ComposeContext, options: { alreadyWaiting?: boolean; staffAlerted?: boolean } = {}): LineMessage[] {
  const { t, lang, byId } = ctx;
  const lead = decision.emergency ? [text(t('emergency.notice'))] : [];
  // Said after the answer, before the quick replies (LINE shows those under the last message only).
  const tail = options.staffAlerted ? [text(t('human.emergencyAlerted'))] : [];
  switch (decision.kind) {
    case 'answer': {
      const entry = byId.get(decision.entryId)!;
      const related = entry.related
        .map((id) => byId.get(id))
        .filter((e): e is FaqEntry => !!e)
        .slice(0, MAX_RELATED_CHOICES)
        .map((e) => entryChoice(e, lang));
      return fitReply(
        [...lead, text(answerText(entry, ctx)), ...tail],
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
      return fitReply([...lead, text(`${t('clarify.prompt')}\n\n${list}`), ...tail], [
        ...entries.map((entry) => entryChoice(entry, lang)),
        staffChoice(t),
        languageChoice(t),
      ]);
    }
    case 'fallback':
      return fitReply([...lead, text(t('fallback.text')), ...tail], [staffChoice(t), languageChoice(t)]);
    case 'human':
      return fitReply([...lead, text(t(options.alreadyWaiting ? 'human.alreadyWaiting' : 'human.confirm'))]);
  }
}

/** The welcome after a follow: a greeting (in disaster mode, one that puts safety first), then the language picker. */
export function composeGreeting(ctx: Pick<ComposeContext, 't'>, displayName: string | undefined, options: { disaster?: boolean } = {}): LineMessage[] {
  const { t } = ctx;
  const hello = displayName ? t('greeting.hello', { name: displayName }) : t('greeting.helloAnonymous');
  const welcome = t(options.disaster ? 'disaster.welcome' : 'greeting.welcome');
  return fitReply([text(`${hello}\n${welcome}`), text(t('language.prompt'))], languagePicker());
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

export interface HandoffNotice {
  reason: HandoffReason;
  /** The request was already with staff (the resident asked again). */
  alreadyWaiting: boolean;
  emergency?: boolean;
  /** Staff are out now and next in at this time. */
  opensAt?: { at: number; timeZone: string };
  /** No opening hours are configured in the next two weeks. */
  closedIndefinitely?: boolean;
}

/** When staff are next in, in the resident's language and the office's time zone. */
export function formatOpening(at: number, timeZone: string, lang: Language): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeZone, weekday: 'short', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

function cancelChoice(t: TFunction): QuickReplyChoice {
  return { label: t('quickReply.cancelRequest'), postback: encodePostback({ a: 'cancel' }), displayText: t('quickReply.cancelRequest') };
}

/** What the resident is told when their chat goes to staff: that it did, and when staff are in. */
export function composeHandoff(ctx: Pick<ComposeContext, 't' | 'lang'>, notice: HandoffNotice): LineMessage[] {
  const { t, lang } = ctx;
  const lead = notice.emergency ? [text(t('emergency.notice'))] : [];
  const main = notice.alreadyWaiting ? 'human.alreadyWaiting' : notice.reason === 'fallbacks' ? 'human.afterFallbacks' : 'human.confirm';
  const hours = notice.opensAt
    ? [text(t('human.outsideHours', { when: formatOpening(notice.opensAt.at, notice.opensAt.timeZone, lang) }))]
    : notice.closedIndefinitely
      ? [text(t('human.closed'))]
      : [];
  return fitReply([...lead, text(t(main)), ...hours], [cancelChoice(t), languageChoice(t)]);
}

export function composeHandoffCancelled(ctx: Pick<ComposeContext, 't'>, cancelled: boolean): LineMessage[] {
  return fitReply([text(ctx.t(cancelled ? 'human.cancelled' : 'human.nothingToCancel'))], [languageChoice(ctx.t)]);
}

export function composeRatingThanks(ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  return fitReply([text(ctx.t('rating.thanks'))], [staffChoice(ctx.t), languageChoice(ctx.t)]);
}

/** The name LINE shows above a staff member's message, so residents can tell a person from the bot. */
export function staffSender(ctx: Pick<ComposeContext, 't'>): Sender {
  return { name: ctx.t('staff.senderName') };
}

/** A staff member's message (their own words, a canned reply or an FAQ answer), under the staff name. */
export function composeStaffText(value: string, ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  return fitReply([{ type: 'text', text: value, sender: staffSender(ctx) } as LineMessage]);
}

/** Told to the resident as the handoff moves on: claimed, still waiting, back to the bot. */
export function composeHandoffUpdate(kind: 'claimed' | 'followUp' | 'returned', ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  const quick = kind === 'returned' ? [staffChoice(ctx.t), languageChoice(ctx.t)] : kind === 'followUp' ? [cancelChoice(ctx.t)] : [];
  return fitReply([text(ctx.t(`handoff.${kind}`))], quick);
}

/** After staff resolve: the bot is back, and a one-tap rating of the consultation. */
export function composeResolved(conversationId: number, ctx: Pick<ComposeContext, 't'>): LineMessage[] {
  const { t } = ctx;
  const c = String(conversationId);
  return fitReply([text(t('handoff.resolved'))], [
    { label: t('rating.good'), postback: encodePostback({ a: 'rate', c, v: '1' }), displayText: t('rating.good') },
    { label: t('rating.bad'), postback: encodePostback({ a: 'rate', c, v: '0' }), displayText: t('rating.bad') },
  ]);
}
