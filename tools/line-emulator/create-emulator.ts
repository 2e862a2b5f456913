/**
 * The LINE platform emulator: the Messaging API, webhooks to the bot, a control API and a
 * chat page, in one Hono app with in-memory state.
 */
import { Hono } from 'hono';
import { createChatPage } from './chat-page';
import { createControlApi } from './control-api';
import { createMessagingApi } from './messaging-api';
import { createState, type EmulatorOptions, type EmulatorState } from './emulator-state';

export type { EmulatorOptions, EmulatorState } from './emulator-state';

/** An emulator instance: serve `app`, inspect `state` directly in tests. */
export interface Emulator {
  app: Hono;
  state: EmulatorState;
}

/** Creates an independent emulator; nothing is shared between instances. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const state = createState(options);
  const app = new Hono();
  app.route('/_emulator', createControlApi(state));
  app.route('/', createMessagingApi(state));
  app.route('/', createChatPage());
  // LINE's error shape, for unknown paths and for bugs in the emulator alike.
  app.notFound((c) => c.json({ message: 'Not found' }, 404));
  app.onError((error, c) => {
    console.error('[line-emulator]', error);
    return c.json({ message: 'Internal server error' }, 500);
  });
  return { app, state };
}
