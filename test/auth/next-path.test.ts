import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/auth/next-path';

describe('safeNextPath', () => {
  it('keeps paths inside the console, with their query and fragment', () => {
    expect(safeNextPath('/console')).toBe('/console');
    expect(safeNextPath('/console/')).toBe('/console/');
    expect(safeNextPath('/console/conversations/12?tab=notes#m40')).toBe('/console/conversations/12?tab=notes#m40');
    expect(safeNextPath('/console?filter=open')).toBe('/console?filter=open');
  });

  it('refuses anything a browser could read as another site', () => {
    for (const hostile of [
      'https://evil.example/console',
      '//evil.example/console',
      '/\\evil.example',
      '\\\\evil.example',
      '/console\\@evil.example',
      '/console/\t/evil',
      '/console\n//evil',
      'javascript:alert(1)',
      ' /console',
      'console',
    ]) {
      expect(safeNextPath(hostile), JSON.stringify(hostile)).toBeUndefined();
    }
  });

  it('refuses paths outside the console, also when dot segments lead out of it', () => {
    expect(safeNextPath('/')).toBeUndefined();
    expect(safeNextPath('/api/knowledge')).toBeUndefined();
    expect(safeNextPath('/consolex')).toBeUndefined();
    expect(safeNextPath('/console/../webhook')).toBeUndefined();
    expect(safeNextPath('/console/%2e%2e/webhook')).toBeUndefined();
  });

  it('refuses the login and logout pages (they would loop), non-strings and over-long values', () => {
    expect(safeNextPath('/console/login')).toBeUndefined();
    expect(safeNextPath('/console/logout')).toBeUndefined();
    expect(safeNextPath(undefined)).toBeUndefined();
    expect(safeNextPath(['/console'])).toBeUndefined();
    expect(safeNextPath(`/console/${'a'.repeat(3000)}`)).toBeUndefined();
  });
});
