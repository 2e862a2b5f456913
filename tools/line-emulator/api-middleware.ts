/**
 * What every emulated Messaging API call goes through: a request ID, injected faults,
 * the bearer check (https://developers.line.biz/en/reference/messaging-api/#authentication)
 * and the API call log.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { newRequestId } from './ids';
import { nextSeq, type EmulatorState, type Fault } from './emulator-state';

/** Context variables the Messaging API handlers read. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    /** The raw request body, read once here so it can be both logged and parsed. */
    rawBody: string;
  };
}

/** LINE's answer to a wrong access token. */
export const AUTH_FAILED = { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' };
/** LINE's answer when there is no bearer token at all. */
export const AUTH_MISSING = { message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'" };

const LOGGED_HEADERS = ['authorization', 'content-type', 'x-line-retry-key'];

const FAULT_BODIES: Record<number, { message: string }> = {
  429: { message: 'The API rate limit has been exceeded. Try again later.' },
  500: { message: 'Internal server error' },
  503: { message: 'Service unavailable' },
};

/** Creates the middleware; mount it on the Messaging API paths. */
export function lineApiMiddleware(state: EmulatorState): MiddlewareHandler<ApiEnv> {
  return async function lineApi(c, next) {
    const requestId = newRequestId();
    c.set('requestId', requestId);
    // Every LINE response carries its request ID, errors included.
    c.header('x-line-request-id', requestId);
    const rawBody = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    c.set('rawBody', rawBody);

    const fault = takeFault(state, c.req.method, c.req.path);
    const early = fault
      ? c.json((fault.body ?? FAULT_BODIES[fault.status] ?? { message: 'Injected fault' }) as object, fault.status as 500)
      : checkBearer(c, state.options.channelAccessToken);
    if (early) {
      await logCall(state, c, early, Boolean(fault));
      return early;
    }
    await next();
    await logCall(state, c, c.res, false);
  };
}

function checkBearer(c: Context, token: string): Response | undefined {
  const header = c.req.header('authorization');
  if (!header || !/^Bearer\s+\S/i.test(header)) return c.json(AUTH_MISSING, 401);
  if (header.replace(/^Bearer\s+/i, '') !== token) return c.json(AUTH_FAILED, 401);
  return undefined;
}

function takeFault(state: EmulatorState, method: string, path: string): Fault | undefined {
  const fault = state.faults.find(
    (f) => (!f.method || f.method.toUpperCase() === method) && (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path),
  );
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.faults.splice(state.faults.indexOf(fault), 1);
  return fault;
}

async function logCall(state: EmulatorState, c: Context<ApiEnv>, response: Response, fault: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  state.apiLog.push({
    seq: nextSeq(state),
    timestamp: state.options.now(),
    method: c.req.method,
    path: c.req.path,
    status: response.status,
    requestId: c.get('requestId'),
    headers,
    body: parseBody(c.get('rawBody')),
    response: await responseSummary(response),
    ...(fault ? { fault: true } : {}),
  });
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function responseSummary(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return { contentType: type, bytes: (await response.clone().arrayBuffer()).byteLength };
  return response.clone().json();
}
