/**
 * The renderer's only way to its host. Built once from the channel table in shared/ipc/contract.ts:
 * in Electron through the preload's `window.siting.invoke`, in a browser through
 * `POST /api/<channel>` on the local host with the session's bearer token. Either way every reply
 * is `{ok, value | error}` and every value is checked with the channel's output schema, so the UI
 * cannot tell which host it runs in. A binary value (the project snapshot) arrives as a Uint8Array:
 * over IPC by structured clone, over HTTP as an application/octet-stream body.
 */
import {
  CHANNELS,
  contract,
  events,
  ReplyError,
  type Api,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type ErrorCode,
  type EventName,
  type EventPayload,
} from '../../shared/ipc/contract';
import type { ErrorParamValue, ErrorReason } from '../../shared/errors';

/** Reply shape of the contract, restated here so the renderer never imports from electron/. */
type WireReply = { ok: true; value: unknown } | { ok: false; error: ReplyError };

/** What the Electron preload exposes on `window.siting`. */
export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<WireReply>;
  /** Host events (menu actions, project changed from the menu); returns an unsubscribe function. */
  on?(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    siting?: PreloadBridge;
  }
}

/** Codes the client adds to the host's own: the host could not be reached or refused the session. */
export type ClientErrorCode = ErrorCode | 'network' | 'unauthorized' | 'bad_reply';

/** What went wrong, as the host names it (shared/errors.ts ERROR_REASONS), with its params. */
export interface ApiErrorCause {
  reason?: ErrorReason;
  params?: Record<string, ErrorParamValue>;
}

/**
 * An error reply of the host (or a transport failure), with the channel that produced it. The UI
 * says it by its reason when it has one (renderer/state/describe_error.ts), else by its message.
 */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly channel: Channel;
  readonly details: unknown;
  readonly reason: ErrorReason | undefined;
  readonly params: Record<string, ErrorParamValue>;

  constructor(channel: Channel, code: ClientErrorCode, message: string, details?: unknown, cause: ApiErrorCause = {}) {
    super(message);
    this.name = 'ApiError';
    this.channel = channel;
    this.code = code;
    this.details = details;
    this.reason = cause.reason;
    this.params = cause.params ?? {};
  }

  /** The error of a reply (or of a failed import job) as the host sent it. */
  static fromReply(channel: Channel, error: ReplyError): ApiError {
    return new ApiError(channel, error.code, error.message, error.details, { reason: error.reason, params: error.params });
  }
}

const TOKEN_KEY = 'siting.token';

/**
 * Reads `?token=` from the address once, keeps it in sessionStorage (so a reload still works) and
 * removes it from the address bar so it does not end up in history, bookmarks or screenshots.
 */
export function takeSessionToken(location: Location = window.location, history: History = window.history): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the HTTP request; the call then rejects with code 'cancelled'. */
  signal?: AbortSignal;
}

type Transport = (channel: Channel, input: unknown, signal?: AbortSignal) => Promise<WireReply>;

const cancelled = (channel: Channel) => new ApiError(channel, 'cancelled', `${channel} was cancelled`);

function electronTransport(bridge: PreloadBridge): Transport {
  return (channel, input) => bridge.invoke(channel, input);
}

function httpTransport(token: string | null): Transport {
  return async (channel, input, signal) => {
    let response: Response;
    try {
      response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(input ?? {}),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw cancelled(channel);
      throw new ApiError(channel, 'network', `the local server did not answer (${String(error)})`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new ApiError(channel, 'unauthorized', `the local server refused this session (HTTP ${response.status})`);
    }
    if (response.ok && response.headers.get('Content-Type') === 'application/octet-stream') {
      // A binary value (the project snapshot): the body's bytes, checked by the channel's schema.
      try {
        return { ok: true, value: new Uint8Array(await response.arrayBuffer()) };
      } catch (error) {
        if (signal?.aborted) throw cancelled(channel);
        throw new ApiError(channel, 'network', `the local server's reply broke off (${String(error)})`);
      }
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (signal?.aborted) throw cancelled(channel);
      throw new ApiError(channel, 'bad_reply', `the local server sent HTTP ${response.status} without a JSON reply`);
    }
    return body as WireReply;
  };
}

function checkReply(channel: Channel, reply: unknown): WireReply {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const candidate = reply as { ok: unknown; value?: unknown; error?: unknown };
    if (candidate.ok === true) return { ok: true, value: candidate.value };
    if (candidate.ok === false) {
      const parsed = ReplyError.safeParse(candidate.error);
      if (parsed.success) return { ok: false, error: parsed.data };
    }
  }
  throw new ApiError(channel, 'bad_reply', `reply to ${channel} is not {ok, value|error}`);
}

/** Builds the typed API over a transport: one function per channel of the contract. */
export function createApi(transport: Transport): Api {
  const api: Partial<Record<Channel, (input: unknown, options?: CallOptions) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const { input: inputSchema, output: outputSchema } = contract[channel];
    api[channel] = async (input: unknown, options?: CallOptions) => {
      const checkedInput = inputSchema.safeParse(input ?? {});
      if (!checkedInput.success) {
        throw new ApiError(channel, 'bad_input', checkedInput.error.issues.map((issue) => issue.message).join('; '));
      }
      const reply = checkReply(channel, await transport(channel, checkedInput.data, options?.signal));
      if (!reply.ok) throw ApiError.fromReply(channel, reply.error);
      const output = outputSchema.safeParse(reply.value);
      if (!output.success) {
        throw new ApiError(channel, 'bad_reply', `reply to ${channel} does not match the contract: ${output.error.issues[0]?.message ?? ''}`);
      }
      return output.data;
    };
  }
  // Every channel of CHANNELS was assigned above with the schema-checked signature of Api.
  return api as Api;
}

/**
 * Calls `channel` and stops waiting when `signal` aborts (rejecting with code 'cancelled'). Over HTTP
 * the request itself is aborted; Electron's IPC cannot be aborted, so there the call only stops
 * being awaited. Either way the host may still complete the work it had started.
 */
export function callWithSignal<C extends Channel>(api: Api, channel: C, input: ChannelInput<C>, signal: AbortSignal): Promise<ChannelOutput<C>> {
  // Every Api made by createApi takes CallOptions as a second argument; others ignore it.
  const call = (api[channel] as (input: ChannelInput<C>, options?: CallOptions) => Promise<ChannelOutput<C>>)(input, { signal });
  return new Promise<ChannelOutput<C>>((resolve, reject) => {
    const onAbort = () => reject(cancelled(channel));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The API for the host this page runs in (Electron preload if present, else the local HTTP host). */
export function connectApi(): Api {
  if (typeof window !== 'undefined' && window.siting) return createApi(electronTransport(window.siting));
  return createApi(httpTransport(takeSessionToken()));
}

/**
 * Subscribes to a host event (Electron only: the browser host has no menu and sends none).
 * Payloads are checked with the contract's event schema; malformed ones are dropped with a warning.
 * Returns the unsubscribe function.
 */
export function onHostEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const bridge = typeof window === 'undefined' ? undefined : window.siting;
  if (!bridge?.on) return () => undefined;
  return bridge.on(name, (payload) => {
    const parsed = events[name].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
    else console.warn(`host event ${name} does not match the contract`, parsed.error.issues);
  });
}
