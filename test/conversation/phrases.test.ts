import { describe, expect, it } from 'vitest';
import { isEmergency } from '../../src/conversation/emergency';
import { isHumanRequest } from '../../src/conversation/human-request';

describe('isHumanRequest', () => {
  it.each([
    'can I talk to a real person please',
    'I want to speak with staff',
    '人と話したいです',
    'ひと と はなしたい',
    'スタッフに代わってください',
    '请帮我转人工',
    '我想找真人客服',
    '상담원 연결해 주세요',
    'cho em gặp nhân viên tư vấn',
    'cho toi noi chuyen voi nguoi that',
    'म मान्छेसँग कुरा गर्न चाहन्छु',
    'mau bicara dengan petugas',
    'pwede ko po bang makausap ang staff',
  ])('recognises "%s"', (text) => {
    expect(isHumanRequest(text)).toBe(true);
  });

  it.each(['my visa ends next month', 'ごみはいつ出す', '회사 직원이 월급을 안 줘요', 'petugas imigrasi bilang apa', 'where is the staff room'])(
    'does not mistake "%s" for a request for a person',
    (text) => {
      expect(isHumanRequest(text)).toBe(false);
    },
  );
});

describe('isEmergency', () => {
  it.each(['my neighbour collapsed and is not breathing', '火事です！', '地面がすごく揺れてる', '有人受伤流血了', 'có người bị thương chảy máu', 'lumilindol ngayon', 'ada kebakaran di apartemen', 'भूकम्प आयो'])(
    'recognises "%s"',
    (text) => {
      expect(isEmergency(text)).toBe(true);
    },
  );

  it.each(['how do I renew my visa', 'ごみの出し方', 'tolong bantu saya perpanjang visa', 'paano mag apply ng tulong pinansyal'])(
    'leaves "%s" alone',
    (text) => {
      expect(isEmergency(text)).toBe(false);
    },
  );
});
