/** The plain baseline that eval and bench compare against: one Fuse instance with default options over every title, question and keyword. */
import Fuse from 'fuse.js';
import type { FaqEntry } from '../src/faq/schema';

export function baselineFuse(entries: FaqEntry[]): Fuse<{ id: string; q: string }> {
  const variants = entries.flatMap((entry) =>
    Object.values(entry.texts).flatMap((text) => [text.title, ...text.questions, ...text.keywords].map((q) => ({ id: entry.id, q }))),
  );
  return new Fuse(variants, { keys: ['q'], includeScore: true });
}
