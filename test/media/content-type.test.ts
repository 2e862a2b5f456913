import { describe, expect, it } from 'vitest';
import { essenceOf, isInline, sanitizeContentType } from '../../src/media/content-type';

describe('sanitizeContentType', () => {
  it('keeps a plain type, lower-cased', () => {
    expect(sanitizeContentType('image/jpeg')).toBe('image/jpeg');
    expect(sanitizeContentType('Image/PNG')).toBe('image/png');
    expect(sanitizeContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('keeps a charset and drops every other parameter', () => {
    expect(sanitizeContentType('text/plain; charset=UTF-8')).toBe('text/plain; charset=utf-8');
    expect(sanitizeContentType('text/plain; format=flowed; charset="utf-8"; x=1')).toBe('text/plain; charset=utf-8');
    expect(sanitizeContentType('multipart/mixed; boundary=abc')).toBe('multipart/mixed');
  });

  it('drops a charset that is not a plain token', () => {
    expect(sanitizeContentType('text/html; charset=utf-8<script>')).toBe('text/html');
    expect(sanitizeContentType('text/plain; charset=')).toBe('text/plain');
  });

  it('refuses what is not one token/token pair', () => {
    for (const header of [null, undefined, '', 'image', '/png', 'image/', 'image/png/x', 'image /png', 'text/html\r\nSet-Cookie: x', '*/*', 'image/<svg>'])
      expect(sanitizeContentType(header), String(header)).toBeUndefined();
  });
});

describe('isInline', () => {
  it('shows images, video and audio a browser cannot run as a document', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'audio/mp4', 'audio/x-m4a', 'audio/mpeg', 'audio/aac'])
      expect(isInline(type), type).toBe(true);
    expect(isInline('image/png; charset=binary')).toBe(true);
  });

  it('downloads SVG, HTML, XML, PDF, text and anything unknown', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/pdf', 'text/plain', 'application/octet-stream', undefined])
      expect(isInline(type), String(type)).toBe(false);
  });

  it('compares the type without its parameters', () => {
    expect(essenceOf('Text/Plain; charset=utf-8')).toBe('text/plain');
  });
});
