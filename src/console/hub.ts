/**
 * ConsoleHub: one Durable Object holding every open staff console's WebSocket, so a change in
 * any chat reaches every console within a second. It uses the WebSocket Hibernation API: while
 * nothing happens the object is evicted from memory and costs nothing, the sockets stay open,
 * and pings are answered by the runtime without waking it.
 * https://developers.cloudflare.com/durable-objects/best-practices/websockets/
 */
import { DurableObject } from 'cloudflare:workers';

/** What the console is told: which chat changed, and whether someone now needs a person. */
export interface ConsoleEvent {
  type: 'conversation';
  conversationId?: number;
  userId: string;
  /** A new request for a person (the console plays a sound and may show a notification). */
  request?: boolean;
}

interface SocketAttachment {
  staffId: number;
  /** The login session's end: a socket outliving its session is closed, not fed. */
  expiresAt: number;
}

const HUB_NAME = 'console';

export class ConsoleHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Accepts a console's WebSocket; the Worker has checked the staff session already. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const staffId = Number(request.headers.get('x-staff-id'));
    const expiresAt = Number(request.headers.get('x-session-expires'));
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ staffId, expiresAt } satisfies SocketAttachment);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends an event to every live console; returns how many received it. */
  async publish(event: ConsoleEvent): Promise<number> {
    const data = JSON.stringify(event);
    const now = Date.now();
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as SocketAttachment | null;
      try {
        if (!attachment || attachment.expiresAt <= now) {
          socket.close(4001, 'session expired');
          continue;
        }
        socket.send(data);
        sent++;
      } catch {
        // A socket closing as we send: the console reconnects and reloads what it missed.
      }
    }
    return sent;
  }

  override async webSocketMessage(): Promise<void> {
    // Consoles only listen; "ping" is answered by the auto-response without waking the object.
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    try {
      socket.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }
}

/** The one hub. */
export function consoleHub(env: Pick<Env, 'CONSOLE_HUB'>): DurableObjectStub<ConsoleHub> {
  return env.CONSOLE_HUB.get(env.CONSOLE_HUB.idFromName(HUB_NAME));
}

/** Tells every console about a change; never fails the caller (consoles also refresh on reconnect). */
export async function notifyConsoles(env: Pick<Env, 'CONSOLE_HUB'>, event: ConsoleEvent): Promise<void> {
  try {
    await consoleHub(env).publish(event);
  } catch (error) {
    console.error('console notification failed', error);
  }
}
