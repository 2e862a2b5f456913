import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function ask(args: string[], input: string): Array<{ text: string; lang: string; decision: string; results: Array<{ id: string; score: number }> }> {
  const out = execFileSync('npx', ['tsx', 'tools/ask.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

// Each case starts `tsx` (a cold TypeScript start plus the index build): minutes on a busy CI machine are possible.
describe('npm run ask', { timeout: 120_000 }, () => {
  it('answers {"text"} lines from stdin, one JSON line each, in order', () => {
    const lines = ask(['--jsonl', '-'], ['my visa ends next month', 'can I talk to a person', 'best ramen in town?'].map((text) => JSON.stringify({ text })).join('\n'));
    expect(lines.map((line) => line.text)).toEqual(['my visa ends next month', 'can I talk to a person', 'best ramen in town?']);
    expect(lines[0]).toMatchObject({ lang: 'en', decision: 'answer' });
    expect(lines[0].results[0].id).toBe('residence-renewal');
    expect(lines[1].decision).toBe('human');
    expect(lines[2].decision).toBe('fallback');
    for (const line of lines) {
      expect(line.results.length).toBeLessThanOrEqual(5);
      for (const result of line.results) expect(result.score).toBeGreaterThanOrEqual(0), expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it('searches a plain corpus given with --corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yorisoi-ask-'));
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(
      corpus,
      [
        { id: 'q1', text: '粗大ごみの出し方を教えてください', lang: 'ja' },
        { id: 'q1', text: '大きいごみはどう捨てる？' },
        { id: 'q2', text: '住民票の写しはどこで取れますか' },
        { id: 'q3', text: '児童手当の申請方法' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const [line] = ask(['--corpus', corpus, '--jsonl', '-'], JSON.stringify({ text: '粗大ごみ 出し方' }));
    expect(line.results[0].id).toBe('q1');
    expect(['answer', 'clarify', 'fallback', 'human']).toContain(line.decision);
  });
});
