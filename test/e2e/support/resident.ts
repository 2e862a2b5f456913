/** Residents on LINE, played through the emulator's control API (tools/line-emulator/README.md). */
import { eventually } from './browser';

export interface BotMessage {
  type: string;
  text?: string;
  sender?: { name?: string; iconUrl?: string };
  quickReply?: { items: Array<{ action: { type: string; label: string; data?: string; displayText?: string } }> };
}

interface ChatEntry {
  seq: number;
  from: 'user' | 'bot';
  messages?: BotMessage[];
}

export class Residents {
  constructor(private readonly emulatorUrl: string) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.emulatorUrl}/_emulator${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A LINE user with a display name and an app language; returns the user id. */
  async create(displayName: string, language: string): Promise<string> {
    return (await this.call<{ userId: string }>('/users', { displayName, language })).userId;
  }

  /** The resident writes; resolves once the bot acknowledged the webhook. */
  async say(userId: string, text: string): Promise<void> {
    const result = await this.call<{ status: number }>('/send', { userId, event: 'text', text });
    if (result.status !== 200) throw new Error(`the bot answered the webhook with ${result.status}`);
  }

  /** Any other event the emulator can send (image, file, sticker, location...). */
  async send(userId: string, spec: Record<string, unknown>): Promise<void> {
    const result = await this.call<{ status: number }>('/send', { userId, ...spec });
    if (result.status !== 200) throw new Error(`the bot answered the webhook with ${result.status}`);
  }

  /** The resident taps a quick reply that sends a postback. */
  async tap(userId: string, data: string, displayText?: string): Promise<void> {
    const result = await this.call<{ status: number }>('/send', { userId, event: 'postback', data, ...(displayText ? { displayText } : {}) });
    if (result.status !== 200) throw new Error(`the bot answered the webhook with ${result.status}`);
  }

  /** The bot's messages to this resident after `afterSeq`, with the sequence number of each delivery. */
  async botMessages(userId: string, afterSeq = 0): Promise<Array<BotMessage & { seq: number }>> {
    const { messages } = await this.call<{ messages: ChatEntry[] }>(`/messages?userId=${userId}&after=${afterSeq}`);
    return messages.filter((entry) => entry.from === 'bot').flatMap((entry) => (entry.messages ?? []).map((message) => ({ ...message, seq: entry.seq })));
  }

  /** The latest sequence number: messages after it are new. */
  async lastSeq(): Promise<number> {
    return (await this.call<{ lastSeq: number }>('/messages')).lastSeq;
  }

  /** Waits for a bot message to this resident that satisfies `match`. */
  waitForBotMessage(userId: string, what: string, match: (message: BotMessage) => boolean, options: { afterSeq?: number; timeoutMs?: number } = {}): Promise<BotMessage & { seq: number }> {
    return eventually(what, async () => (await this.botMessages(userId, options.afterSeq)).find(match), options.timeoutMs ?? 20_000);
  }

  /** Makes the next `count` LINE API calls under `path` (a prefix ending in *) fail with `status`. */
  async fault(path: string, status: number, count: number): Promise<void> {
    await this.call('/faults', { path, status, count, body: { message: 'The request body has 1 error(s)' } });
  }
}
