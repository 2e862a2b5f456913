import { describe, expect, it } from 'vitest';
import { mediaFieldsOf } from '../../src/media/message';

describe('mediaFieldsOf', () => {
  it('reads an image LINE hosts', () => {
    const message = { id: '325708', type: 'image', quoteToken: 'q', contentProvider: { type: 'line' } };
    expect(mediaFieldsOf(message)).toEqual({ lineMessageId: '325708', kind: 'image', external: false });
  });

  it('marks media the sender hosts as external (it is never fetched)', () => {
    const message = {
      id: '325709',
      type: 'video',
      duration: 60000,
      contentProvider: { type: 'external', originalContentUrl: 'https://example.com/v.mp4', previewImageUrl: 'https://example.com/p.jpg' },
    };
    expect(mediaFieldsOf(message)).toEqual({ lineMessageId: '325709', kind: 'video', external: true });
  });

  it('keeps a file’s name and size', () => {
    const message = { id: '325710', type: 'file', fileName: 'file.txt', fileSize: 2138 };
    expect(mediaFieldsOf(message)).toEqual({ lineMessageId: '325710', kind: 'file', fileName: 'file.txt', fileSize: 2138, external: false });
  });

  it('ignores text, stickers and locations', () => {
    expect(mediaFieldsOf({ id: '1', type: 'text', text: 'hi' })).toBeUndefined();
    expect(mediaFieldsOf({ id: '2', type: 'sticker', packageId: '1', stickerId: '1' })).toBeUndefined();
    expect(mediaFieldsOf({ id: '3', type: 'location', latitude: 0, longitude: 0 })).toBeUndefined();
    expect(mediaFieldsOf(undefined)).toBeUndefined();
  });
});
