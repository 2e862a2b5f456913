/** The bot's own pipeline (detect, search, decide) as the `ask` and `eval` tools run it. */
import { chooseReplyLanguage, detectLanguage } from '../src/i18n/detect';
import { DEFAULT_LANGUAGE } from '../src/i18n/languages';
import { decide } from '../src/conversation/decide';
import { isEmergency } from '../src/conversation/emergency';
import { isHumanRequest } from '../src/conversation/human-request';
import { OUT_OF_SCOPE_ID } from '../src/faq/schema';
import { search, type SearchIndex } from '../src/faq/search';

export interface AskOutput {
  text: string;
  lang: string;
  decision: 'answer' | 'clarify' | 'fallback' | 'human';
  results: Array<{ id: string; score: number }>;
}

/** Runs one message through the same steps the webhook does, without I/O. */
export function ask(index: SearchIndex, text: string, urgentIds: ReadonlySet<string>): AskOutput {
  const detection = detectLanguage(text);
  const results = search(index, text, { limit: 6 });
  const decision = decide({ results, humanRequest: isHumanRequest(text), emergency: isEmergency(text), urgentIds });
  return {
    text,
    lang: detection.lang ?? chooseReplyLanguage(detection, DEFAULT_LANGUAGE),
    decision: decision.kind,
    // The out-of-scope pseudo-entry drives the decision but is not an FAQ entry to report.
    results: results.filter((result) => result.id !== OUT_OF_SCOPE_ID).slice(0, 5),
  };
}
