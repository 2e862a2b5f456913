import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from '../../src/media/disposition';

/** What a browser would take as the name: the `filename*` value, decoded. */
function extName(header: string): string {
  const match = /filename\*=UTF-8''([^;\s]+)/.exec(header);
  return decodeURIComponent(match![1]);
}

describe('contentDisposition', () => {
  it('gives a plain name both ways', () => {
    expect(contentDisposition('attachment', 'report.pdf', 'file-1')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('encodes a Japanese name as UTF-8 and keeps an ASCII fallback', () => {
    const header = contentDisposition('attachment', '在留カード.jpg', 'file-1');
    expect(header).toBe(`attachment; filename="_____.jpg"; filename*=UTF-8''%E5%9C%A8%E7%95%99%E3%82%AB%E3%83%BC%E3%83%89.jpg`);
    expect(extName(header)).toBe('在留カード.jpg');
  });

  it('cannot be broken out of by quotes or markup in the name', () => {
    const header = contentDisposition('attachment', '"><script>.html', 'file-1');
    expect(header).toBe(`attachment; filename="><script>.html"; filename*=UTF-8''%3E%3Cscript%3E.html`);
    expect(header.match(/"/g)).toHaveLength(2);
  });

  it('cannot inject a header with CR/LF in the name', () => {
    const header = contentDisposition('attachment', 'a\r\nSet-Cookie: x', 'file-1');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="aSet-Cookie: x"; filename*=UTF-8''aSet-Cookie%3A%20x`);
    expect(() => new Headers({ 'content-disposition': header })).not.toThrow();
  });

  it("percent-encodes the characters RFC 8187 does not allow bare (' ( ) * ; %)", () => {
    const header = contentDisposition('attachment', "it's (1)*;100%.txt", 'file-1');
    expect(header).toContain(`filename*=UTF-8''it%27s%20%281%29%2A%3B100%25.txt`);
    expect(header).toContain('filename="it\'s (1)*_100_.txt"');
    expect(extName(header)).toBe("it's (1)*;100%.txt");
  });

  it('uses the fallback name when the resident gave none, or nothing usable', () => {
    expect(contentDisposition('inline', undefined, 'image-7')).toBe(`inline; filename="image-7"; filename*=UTF-8''image-7`);
    expect(contentDisposition('attachment', '\r\n"/\\', 'file-7')).toContain('filename="file-7"');
  });
});

describe('safeFileName', () => {
  it('removes path separators, backslashes and leading dots', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etcpasswd');
    expect(safeFileName('..\\windows\\win.ini')).toBe('windowswin.ini');
    expect(safeFileName('.bashrc')).toBe('bashrc');
  });

  it('removes control characters and bidi overrides that disguise an extension', () => {
    expect(safeFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(safeFileName('a\u0000b\u0007c\u007f')).toBe('abc');
  });

  it('keeps names short without cutting a character in half', () => {
    const name = safeFileName('😀'.repeat(300))!;
    expect([...name]).toHaveLength(150);
    expect(name).toBe('😀'.repeat(150));
  });

  it('is undefined for an empty name', () => {
    expect(safeFileName('')).toBeUndefined();
    expect(safeFileName('  ')).toBeUndefined();
    expect(safeFileName(null)).toBeUndefined();
  });
});
