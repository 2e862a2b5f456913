import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n';
import { act, botEntries, count, createUser, lastBotText, say } from './helpers';

async function resident(userId: string) {
  return env.DB.prepare('SELECT language, language_source, following, display_name FROM residents WHERE user_id = ?1').bind(userId).first();
}

describe('follow and unfollow', () => {
  it('greets a new friend in the language of their LINE app, with a language picker', async () => {
    const userId = await createUser('vi', 'Lan');
    await act({ userId, event: 'follow' });
    const [greeting] = await botEntries(userId);
    expect(greeting.via).toBe('reply');
    expect(greeting.messages![0].text).toContain('Lan');
    expect(greeting.messages![0].text).toContain(LOCALES.vi.greeting.welcome.slice(0, 20));
    const picker = greeting.messages!.at(-1)!.quickReply!.items.map((item) => item.action.label);
    expect(picker).toEqual(Object.values(LOCALES).map((locale) => locale.language.name));
    expect(await resident(userId)).toMatchObject({ language: 'vi', language_source: 'profile', following: 1, display_name: 'Lan' });
  });

  it('falls back to English for a LINE language it does not speak, and marks an unfollow inactive', async () => {
    const userId = await createUser('th', 'Somchai');
    await act({ userId, event: 'follow' });
    expect(await lastBotText(userId)).toContain(LOCALES.en.greeting.welcome.slice(0, 20));
    await act({ userId, event: 'unfollow' });
    expect(await resident(userId)).toMatchObject({ following: 0 });
    expect(await botEntries(userId)).toHaveLength(1);
  });
});

describe('answering text', () => {
  it.each([
    ['en', 'my visa ends next month what should i do', 'residence-renewal'],
    ['vi', 'gia han the cu tru o dau', 'residence-renewal'],
    ['ja', 'ごみ いつ だす', 'garbage'],
    ['zh-Hans', '在留卡丢了怎么办', 'residence-card-lost'],
    ['ko', '구급차 어떻게 불러요?', 'ambulance-119'],
  ])('answers a %s question from the FAQ in that language', async (lang, text, entryId) => {
    const userId = await createUser('en');
    await say(userId, text);
    const row = await env.DB.prepare(`SELECT decision, entry_id, language, status, delivery_via FROM messages WHERE user_id = ?1 AND direction = 'outgoing'`)
      .bind(userId)
      .first();
    expect(row).toMatchObject({ decision: 'answer', entry_id: entryId, status: 'sent', delivery_via: 'reply' });
    expect(String(row!.language).startsWith(lang.slice(0, 2))).toBe(true);
    const [entry] = await botEntries(userId);
    const labels = entry.messages!.at(-1)!.quickReply!.items.map((item) => item.action.data);
    expect(labels).toEqual(expect.arrayContaining([`a=fb&e=${entryId}&v=1`, `a=fb&e=${entryId}&v=0`, 'a=staff']));
  });

  it('fills contact placeholders from the contacts file', async () => {
    const userId = await createUser('en');
    await say(userId, 'Immigration information center phone number');
    const text = await lastBotText(userId);
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('0570-013904');
  });

  it('says honestly when it has no answer, logs the question and offers staff', async () => {
    const userId = await createUser('en');
    await say(userId, 'what is the best ramen shop near the castle');
    expect(await lastBotText(userId)).toBe(LOCALES.en.fallback.text);
    expect(await count('unanswered_queries', 'user_id = ?1', userId)).toBe(1);
  });

  it('puts 110/119 first in an emergency', async () => {
    const userId = await createUser('ja');
    await say(userId, '火事です！隣の部屋から煙が出ています');
    const [entry] = await botEntries(userId);
    expect(entry.messages![0].text).toBe(LOCALES.ja.emergency.notice);
  });

  it('switches the reply language when the resident clearly writes in another one', async () => {
    const userId = await createUser('en');
    await act({ userId, event: 'follow' });
    await say(userId, 'Tôi muốn gia hạn visa thì phải làm gì?');
    expect(await resident(userId)).toMatchObject({ language: 'vi', language_source: 'detected' });
    await say(userId, 'ok');
    expect(await resident(userId)).toMatchObject({ language: 'vi' });
  });
});

describe('postbacks', () => {
  it('changes the language when the resident picks one', async () => {
    const userId = await createUser('en');
    await act({ userId, event: 'postback', data: 'a=lang&l=ne', displayText: 'नेपाली' });
    expect(await resident(userId)).toMatchObject({ language: 'ne', language_source: 'chosen' });
    expect(await lastBotText(userId)).toBe(LOCALES.ne.language.changed);
  });

  it('answers a "did you mean" choice and records helpful / not helpful feedback', async () => {
    const userId = await createUser('id');
    await act({ userId, event: 'postback', data: 'a=pick&e=garbage' });
    expect(await lastBotText(userId)).toContain(JSON.parse(JSON.stringify((await import('../../knowledge/entries/garbage.json')).default)).texts.id.title);
    await act({ userId, event: 'postback', data: 'a=fb&e=garbage&v=0' });
    expect(await lastBotText(userId)).toBe(LOCALES.id.feedback.sorry);
    const feedback = await env.DB.prepare('SELECT entry_id, helpful, message_id FROM feedback WHERE user_id = ?1').bind(userId).first();
    expect(feedback).toMatchObject({ entry_id: 'garbage', helpful: 0 });
    expect(feedback!.message_id).not.toBeNull();
  });

  it('hands the chat to staff on "talk to staff", and the bot then stays quiet', async () => {
    const userId = await createUser('tl');
    await act({ userId, event: 'postback', data: 'a=staff' });
    expect(await lastBotText(userId)).toBe(LOCALES.tl.human.confirm);
    const conversation = await env.DB.prepare(`SELECT status, waiting_since FROM conversations WHERE user_id = ?1 AND status != 'resolved'`)
      .bind(userId)
      .first<{ status: string; waiting_since: number }>();
    expect(conversation!.status).toBe('open');
    expect(conversation!.waiting_since).toBeGreaterThan(0);
    expect(await count('messages', "user_id = ?1 AND direction = 'activity' AND kind = 'handoff'", userId)).toBe(1);

    await say(userId, 'paano mag renew ng visa');
    expect(await botEntries(userId)).toHaveLength(1);
    expect(await count('messages', "user_id = ?1 AND direction = 'incoming' AND text = 'paano mag renew ng visa'", userId)).toBe(1);
  });

  it('recognises a request for a person written in words', async () => {
    const userId = await createUser('zh-Hans');
    await say(userId, '转人工');
    expect(await lastBotText(userId)).toBe(LOCALES['zh-Hans'].human.confirm);
  });

  it('ignores postback data it did not make, offering the language picker instead', async () => {
    const userId = await createUser('en');
    await act({ userId, event: 'postback', data: 'a=pick&e=../../secret' });
    expect(await lastBotText(userId)).toBe(LOCALES.en.language.prompt);
  });
});

describe('other message types', () => {
  it.each([
    ['sticker', 'sticker'],
    ['image', 'image'],
    ['video', 'media'],
    ['audio', 'media'],
    ['file', 'media'],
    ['location', 'location'],
  ] as const)('replies kindly to a %s in the resident\'s language and keeps it for staff', async (event, key) => {
    const userId = await createUser('ko');
    const { webhookEventId } = await act({ userId, event, fileName: event === 'file' ? 'a.pdf' : undefined });
    expect(await lastBotText(userId)).toBe(LOCALES.ko.nonText[key]);
    expect(await count('messages', "webhook_event_id = ?1 AND kind = ?2 AND direction = 'incoming'", webhookEventId, event)).toBe(1);
  });

  it('tells a group once that it works in one-to-one chats', async () => {
    const userId = await createUser('en');
    const groupId = `C${userId.slice(1)}`;
    await act({ userId, event: 'text', text: 'hello everyone', source: 'group', groupId });
    await act({ userId, event: 'text', text: 'garbage day?', source: 'group', groupId });
    const entries = await botEntries(groupId);
    expect(entries).toHaveLength(1);
    expect(entries[0].messages![0].text).toContain(LOCALES.en.group.notice);
    expect(entries[0].messages![0].text).toContain(LOCALES.ja.group.notice);
  });
});
