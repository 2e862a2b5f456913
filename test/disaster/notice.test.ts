import { describe, expect, it } from 'vitest';
import { composeGreeting } from '../../src/conversation/compose';
import { prependNotice, withDisasterNotice } from '../../src/disaster/notice';
import { NORMAL_MODE, type ActiveDisaster } from '../../src/disaster/state';
import { templateNotices } from '../../src/disaster/templates';
import { translator } from '../../src/i18n/i18n';
import { fitReply, type LineMessage, type TextMessage } from '../../src/line/message-builder';
import { MAX_MESSAGES_PER_REQUEST } from '../../src/line/limits';

const text = (value: string): LineMessage => ({ type: 'text', text: value });
const texts = (messages: LineMessage[]) => messages.map((m) => (m as TextMessage).text);
const quick = [{ label: 'Talk to staff', postback: 'a=staff' }];

const ON: ActiveDisaster = { active: true, activation: 'a1', template: 'earthquake', notices: templateNotices('earthquake'), since: 1, by: 1 };

describe('the disaster notice', () => {
  it('comes first, and the quick replies stay on the last message', () => {
    const reply = fitReply([text('answer')], quick);
    const withNotice = prependNotice(reply, 'NOTICE');
    expect(texts(withNotice)).toEqual(['NOTICE', 'answer']);
    expect(withNotice[0].quickReply).toBeUndefined();
    expect(withNotice[1].quickReply?.items).toHaveLength(1);
  });

  it('keeps a full reply within LINE’s five messages, merging the overflow at the end', () => {
    const reply = fitReply(['1', '2', '3', '4', '5'].map(text), quick);
    const withNotice = prependNotice(reply, 'NOTICE');
    expect(withNotice).toHaveLength(MAX_MESSAGES_PER_REQUEST);
    expect(texts(withNotice)).toEqual(['NOTICE', '1', '2', '3', '4\n\n5']);
    expect(withNotice.at(-1)!.quickReply?.items).toHaveLength(1);
  });

  it('is in the reply’s language, and absent in normal mode', () => {
    const reply = [text('Xin chào')];
    expect(texts(withDisasterNotice(reply, ON, 'vi'))[0]).toBe(ON.notices.vi);
    expect(texts(withDisasterNotice(reply, ON, 'ne'))[0]).toBe(ON.notices.ne);
    expect(withDisasterNotice(reply, NORMAL_MODE, 'vi')).toBe(reply);
  });

  it('leaves an empty reply empty', () => {
    expect(prependNotice([], 'NOTICE')).toEqual([]);
  });
});

describe('the greeting in disaster mode', () => {
  it('puts safety first instead of the usual welcome, in the resident’s language', () => {
    const t = translator('id');
    const normal = texts(composeGreeting({ t }, 'Sari'))[0];
    const disaster = texts(composeGreeting({ t }, 'Sari', { disaster: true }))[0];
    expect(normal).toContain(t('greeting.welcome'));
    expect(disaster).toContain(t('disaster.welcome'));
    expect(disaster).not.toContain(t('greeting.welcome'));
    expect(disaster).toContain('Sari');
  });
});
