import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { saveBusinessHours } from '../../src/db/settings';
import { BusinessHours, localTime } from '../../src/handoff/business-hours';
import { runStaffAction, type StaffAction } from '../../src/handoff/staff-actions';
import { LOCALES } from '../../src/i18n/i18n';
import { lineClientFromEnv } from '../../src/line/client';
import { sweepFollowUps } from '../../src/conversation/sweep';
import { act, apiRequests, botEntries, count, createUser, fault, lastBotText, say } from './helpers';

const ALWAYS_OPEN = BusinessHours.parse({
  weekly: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [['00:00', '24:00']]])),
  followUpMinutes: 10,
});

let staffSeq = 0;
async function staffMember(name = 'Aiko') {
  const login = `handoff-staff-${Date.now()}-${staffSeq++}`;
  const row = await env.DB.prepare(
    `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, 'staff', 'x', 0, 0) RETURNING id`,
  )
    .bind(login, name)
    .first<{ id: number }>();
  return { id: row!.id, displayName: name };
}

async function conversationOf(userId: string) {
  return env.DB.prepare(
    `SELECT id, status, assignee_id, waiting_since, handoff_reason, rating, follow_up_at FROM conversations WHERE user_id = ?1 ORDER BY id DESC LIMIT 1`,
  )
    .bind(userId)
    .first<{ id: number; status: string; assignee_id: number | null; waiting_since: number | null; handoff_reason: string | null; rating: number | null; follow_up_at: number | null }>();
}

function session(userId: string) {
  return env.RESIDENT_SESSION.get(env.RESIDENT_SESSION.idFromName(userId));
}

async function staffDo(userId: string, actor: { id: number; displayName: string }, action: StaffAction) {
  const conversation = await conversationOf(userId);
  return session(userId).staffAction(userId, actor, conversation!.id, action);
}

async function activities(userId: string) {
  const { results } = await env.DB.prepare(`SELECT kind FROM messages WHERE user_id = ?1 AND direction = 'activity' ORDER BY id`).bind(userId).all<{ kind: string }>();
  return results.map((row) => row.kind);
}

async function askForPerson(lang = 'en', text = 'I want to talk to a person') {
  const userId = await createUser(lang, 'Minh');
  await say(userId, text);
  return userId;
}

afterEach(async () => {
  await env.DB.prepare('DELETE FROM settings').run();
});

describe('handing a chat to staff', () => {
  it('opens the conversation when the resident asks for a person, says so, and offers to cancel', async () => {
    await saveBusinessHours(env.DB, ALWAYS_OPEN).run();
    const userId = await askForPerson();
    expect(await conversationOf(userId)).toMatchObject({ status: 'open', assignee_id: null, handoff_reason: 'asked' });
    expect((await conversationOf(userId))!.waiting_since).toBeGreaterThan(0);
    expect(await activities(userId)).toEqual(['handoff']);
    const [reply] = await botEntries(userId);
    expect(reply.messages![0].text).toBe(LOCALES.en.human.confirm);
    expect(reply.messages!.at(-1)!.quickReply!.items.map((item) => item.action.data)).toContain('a=cancel');
  });

  it('tells the resident when staff are next in, in their language, outside business hours', async () => {
    const today = localTime(Date.now(), 'Asia/Tokyo').date;
    await saveBusinessHours(env.DB, { ...ALWAYS_OPEN, holidays: [today] }).run();
    const userId = await askForPerson('ja', '人と話したい');
    const text = await lastBotText(userId);
    expect(text).toContain(LOCALES.ja.human.confirm);
    expect(text).toContain(LOCALES.ja.human.outsideHours.split('{{when}}')[0]);
    expect(text).toMatch(/\d+:00/);
    expect(await conversationOf(userId)).toMatchObject({ status: 'open' });
  });

  it('hands over after the bot falls back twice in a row', async () => {
    const userId = await createUser('en');
    await say(userId, 'xqzv blorp');
    expect(await conversationOf(userId)).toMatchObject({ status: 'pending' });
    await say(userId, 'flimzy wobtrat');
    expect(await conversationOf(userId)).toMatchObject({ status: 'open', handoff_reason: 'fallbacks' });
    expect(await lastBotText(userId)).toContain(LOCALES.en.human.afterFallbacks);
    expect(await count('unanswered_queries', 'user_id = ?1', userId)).toBe(2);
  });

  it('answers an emergency at once and also alerts staff', async () => {
    const userId = await createUser('en');
    await say(userId, 'fire! my apartment is burning');
    const text = await lastBotText(userId);
    expect(text.indexOf('119')).toBeGreaterThanOrEqual(0);
    expect(text).toContain(LOCALES.en.human.emergencyAlerted);
    expect(await conversationOf(userId)).toMatchObject({ status: 'open', handoff_reason: 'emergency' });
  });

  it('keeps the bot quiet while staff have the chat, storing every message for them', async () => {
    const userId = await askForPerson();
    await say(userId, 'my visa ends next month');
    await act({ userId, event: 'sticker' });
    await act({ userId, event: 'image' });
    expect(await botEntries(userId)).toHaveLength(1);
    expect(await count('messages', `user_id = ?1 AND direction = 'incoming' AND status = 'handled'`, userId)).toBe(4);
  });

  it('lets the resident cancel the request, and the bot answers again', async () => {
    const userId = await askForPerson();
    await act({ userId, event: 'postback', data: 'a=cancel' });
    expect(await conversationOf(userId)).toMatchObject({ status: 'pending', waiting_since: null });
    expect(await lastBotText(userId)).toBe(LOCALES.en.human.cancelled);
    await say(userId, 'my visa ends next month');
    expect(await lastBotText(userId)).not.toBe(LOCALES.en.human.cancelled);
    expect(await activities(userId)).toEqual(['handoff', 'cancelled']);
  });
});

describe('staff actions', () => {
  it('gives the conversation to exactly one of two staff members claiming at once', async () => {
    const userId = await askForPerson();
    const [a, b] = [await staffMember('A'), await staffMember('B')];
    const results = await Promise.all([staffDo(userId, a, { type: 'claim' }), staffDo(userId, b, { type: 'claim' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ status: 409 }]);
    const winner = results[0].ok ? a : b;
    expect(await conversationOf(userId)).toMatchObject({ status: 'open', assignee_id: winner.id });
    expect(await activities(userId)).toEqual(['handoff', 'claimed']);
  });

  it('also holds when two claims bypass the chat session and race in the database', async () => {
    const userId = await askForPerson();
    const [a, b] = [await staffMember('A'), await staffMember('B')];
    const conversation = await conversationOf(userId);
    const deps = { db: env.DB, line: lineClientFromEnv(env) };
    const results = await Promise.all([a, b].map((actor) => runStaffAction(deps, actor, conversation!.id, { type: 'claim' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await count('messages', `user_id = ?1 AND kind = 'claimed'`, userId)).toBe(1);
  });

  it('tells the resident a person has the chat, and delivers the reply under the staff name with the reply token', async () => {
    const userId = await askForPerson('vi', 'toi muon noi chuyen voi nhan vien');
    const staff = await staffMember();
    await staffDo(userId, staff, { type: 'claim' });
    expect(await lastBotText(userId)).toBe(LOCALES.vi.handoff.claimed);
    await say(userId, 'the cu tru cua toi het han');
    const result = await staffDo(userId, staff, { type: 'reply', text: 'Xin chào, tôi là Aiko.' });
    expect(result).toMatchObject({ ok: true, delivery: { ok: true, via: 'reply' } });
    const last = (await botEntries(userId)).at(-1)!;
    expect(last.via).toBe('reply');
    expect(last.messages![0]).toMatchObject({ text: 'Xin chào, tôi là Aiko.', sender: { name: LOCALES.vi.staff.senderName } });
    const row = await env.DB.prepare(`SELECT sender, staff_id, status, reply_to FROM messages WHERE user_id = ?1 AND kind = 'staff-text'`).bind(userId).first();
    expect(row).toMatchObject({ sender: 'staff', staff_id: staff.id, status: 'sent' });
    expect(row!.reply_to).not.toBeNull();
  });

  it('pushes when the reply token is too old, and never uses one token twice', async () => {
    const userId = await askForPerson();
    const staff = await staffMember();
    await env.DB.prepare(`UPDATE webhook_events SET timestamp = timestamp - 120000 WHERE chat_id = ?1`).bind(userId).run();
    const first = await staffDo(userId, staff, { type: 'reply', text: 'first' });
    expect(first).toMatchObject({ ok: true, delivery: { via: 'push' } });
    await say(userId, 'thanks');
    const second = await staffDo(userId, staff, { type: 'reply', text: 'second' });
    const third = await staffDo(userId, staff, { type: 'reply', text: 'third' });
    expect([second, third]).toMatchObject([{ delivery: { via: 'reply' } }, { delivery: { via: 'push' } }]);
  });

  it('sends an FAQ answer in the resident\'s language, found by a Japanese search', async () => {
    const userId = await askForPerson('ne', 'मलाई मान्छेसँग कुरा गर्नु छ');
    const staff = await staffMember();
    const result = await staffDo(userId, staff, { type: 'faq', entryId: 'garbage' });
    expect(result.ok).toBe(true);
    const text = await lastBotText(userId);
    expect(text).toMatch(/[\u0900-\u097f]/);
    const last = (await botEntries(userId)).at(-1)!;
    expect(last.messages![0]).toMatchObject({ sender: { name: LOCALES.ne.staff.senderName } });
    expect(await env.DB.prepare(`SELECT entry_id FROM messages WHERE user_id = ?1 AND kind = 'staff-faq'`).bind(userId).first()).toEqual({ entry_id: 'garbage' });
  });

  it('keeps private notes away from the resident', async () => {
    const userId = await askForPerson();
    const staff = await staffMember();
    const before = (await botEntries(userId)).length;
    const result = await staffDo(userId, staff, { type: 'note', text: 'Called the ward office; waiting for them.' });
    expect(result.ok).toBe(true);
    expect(await botEntries(userId)).toHaveLength(before);
    expect(await count('messages', `user_id = ?1 AND private = 1 AND kind = 'note'`, userId)).toBe(1);
  });

  it('refuses to let a colleague reply to a conversation someone else has', async () => {
    const userId = await askForPerson();
    const [a, b] = [await staffMember('A'), await staffMember('B')];
    await staffDo(userId, a, { type: 'claim' });
    expect(await staffDo(userId, b, { type: 'reply', text: 'hi' })).toMatchObject({ ok: false, status: 409 });
  });

  it('retries a failed delivery with the same retry key', async () => {
    const userId = await askForPerson();
    const staff = await staffMember();
    await env.DB.prepare(`UPDATE webhook_events SET timestamp = timestamp - 120000 WHERE chat_id = ?1`).bind(userId).run();
    await fault('/v2/bot/message/push', 400, 1);
    const failed = await staffDo(userId, staff, { type: 'reply', text: 'are you there?' });
    expect(failed).toMatchObject({ ok: true, delivery: { ok: false } });
    const retried = await staffDo(userId, staff, { type: 'retry', messageId: (failed as { messageId: number }).messageId });
    expect(retried).toMatchObject({ ok: true, delivery: { ok: true, via: 'push' } });
    const pushes = (await apiRequests('/v2/bot/message/push')).filter((r) => r.body?.to === userId);
    expect(pushes.map((p) => p.headers['x-line-retry-key'])).toEqual([pushes[0].headers['x-line-retry-key'], pushes[0].headers['x-line-retry-key']]);
  });

  it('resolves: the bot answers again, the resident rates with one tap, and only the first tap counts', async () => {
    const userId = await askForPerson('id', 'saya mau bicara dengan petugas');
    const staff = await staffMember();
    await staffDo(userId, staff, { type: 'claim' });
    const conversation = await conversationOf(userId);
    await staffDo(userId, staff, { type: 'resolve' });
    const prompt = (await botEntries(userId)).at(-1)!;
    expect(prompt.messages![0].text).toBe(LOCALES.id.handoff.resolved);
    const good = prompt.messages!.at(-1)!.quickReply!.items[0].action.data!;
    expect(good).toBe(`a=rate&c=${conversation!.id}&v=1`);
    await act({ userId, event: 'postback', data: good });
    await act({ userId, event: 'postback', data: `a=rate&c=${conversation!.id}&v=0` });
    const rated = await env.DB.prepare('SELECT status, rating FROM conversations WHERE id = ?1').bind(conversation!.id).first();
    expect(rated).toEqual({ status: 'resolved', rating: 1 });
    expect(await lastBotText(userId)).toBe(LOCALES.id.rating.thanks);
    await say(userId, 'kapan buang sampah');
    const answer = await env.DB.prepare(`SELECT decision, sender FROM messages WHERE user_id = ?1 AND direction = 'outgoing' ORDER BY id DESC LIMIT 1`).bind(userId).first();
    expect(answer).toMatchObject({ sender: 'bot' });
    expect(answer!.decision).not.toBeNull();
  });

  it('returns a chat to the bot without resolving it', async () => {
    const userId = await askForPerson();
    const staff = await staffMember();
    await staffDo(userId, staff, { type: 'claim' });
    await staffDo(userId, staff, { type: 'return' });
    expect(await conversationOf(userId)).toMatchObject({ status: 'pending', assignee_id: null });
    expect(await lastBotText(userId)).toBe(LOCALES.en.handoff.returned);
  });

  it('never loses a resident message that arrives while staff resolve', async () => {
    for (let round = 0; round < 4; round++) {
      const userId = await askForPerson();
      const staff = await staffMember();
      await staffDo(userId, staff, { type: 'claim' });
      const seen = (await env.DB.prepare(`SELECT MAX(id) AS id FROM messages WHERE user_id = ?1`).bind(userId).first<{ id: number }>())!.id;
      const text = `one more thing: garbage day? (${round})`;
      const [, resolved] = await Promise.all([say(userId, text), staffDo(userId, staff, { type: 'resolve', seen })]);
      const incoming = await env.DB.prepare(`SELECT id, status, conversation_id FROM messages WHERE user_id = ?1 AND text = ?2`)
        .bind(userId, text)
        .first<{ id: number; status: string; conversation_id: number }>();
      expect(incoming).toMatchObject({ status: 'handled' });
      if (resolved.ok) {
        // The message came after the resolve: the bot answered it.
        expect(await count('messages', `reply_to = ?1 AND sender = 'bot'`, incoming!.id)).toBe(1);
      } else {
        // It came first: the resolve is refused, and the chat stays with staff, message in view.
        expect(resolved).toMatchObject({ status: 409 });
        expect(await conversationOf(userId)).toMatchObject({ id: incoming!.conversation_id, status: 'open' });
      }
    }
  });
});

describe('follow-ups', () => {
  it('sends one gentle follow-up to a request nobody picked up in time', async () => {
    await saveBusinessHours(env.DB, ALWAYS_OPEN).run();
    const userId = await askForPerson('ko', '상담원 연결해 주세요');
    await env.DB.prepare(`UPDATE conversations SET waiting_since = waiting_since - 11 * 60000 WHERE user_id = ?1`).bind(userId).run();
    await sweepFollowUps(env);
    await sweepFollowUps(env);
    const texts = (await botEntries(userId)).map((entry) => entry.messages![0].text);
    expect(texts.filter((text) => text === LOCALES.ko.handoff.followUp)).toHaveLength(1);
    expect((await conversationOf(userId))!.follow_up_at).not.toBeNull();
  });

  it('does not follow up on a request a staff member has claimed', async () => {
    await saveBusinessHours(env.DB, ALWAYS_OPEN).run();
    const userId = await askForPerson();
    await staffDo(userId, await staffMember(), { type: 'claim' });
    await env.DB.prepare(`UPDATE conversations SET waiting_since = waiting_since - 60 * 60000 WHERE user_id = ?1`).bind(userId).run();
    await sweepFollowUps(env);
    expect((await botEntries(userId)).map((entry) => entry.messages![0].text)).not.toContain(LOCALES.en.handoff.followUp);
  });
});
