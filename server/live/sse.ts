// A small server-sent events writer over a web ReadableStream, for route handlers. It owns the
// heartbeat and cleanup: when the client goes away (the request aborts) or the server ends the
// stream, every timer and subscription registered with `onClose` is released exactly once.

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression (and proxies) from buffering the stream.
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

export interface SseChannel {
  send(event: string, data: unknown): void;
  close(): void;
  onClose(fn: () => void): void;
  readonly closed: boolean;
}

/** Comments keep idle connections open through proxies that time out silent ones. */
const HEARTBEAT_MS = 15_000;

export function sseResponse(signal: AbortSignal, start: (channel: SseChannel) => void | Promise<void>): Response {
  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  const write = (text: string) => {
    if (closed || controller === null) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    for (const fn of cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // Cleanup must not stop other cleanups.
      }
    }
    try {
      controller?.close();
    } catch {
      // Already closed by the runtime.
    }
  };
  const channel: SseChannel = {
    // Event names are ours; data is JSON, so a newline in a value cannot break the framing.
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    close,
    onClose: (fn) => {
      if (closed) fn();
      else cleanups.push(fn);
    },
    get closed() {
      return closed;
    },
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // How long the browser waits before reconnecting after a drop.
      write('retry: 3000\n\n');
      const beat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      channel.onClose(() => clearInterval(beat));
      if (signal.aborted) close();
      else signal.addEventListener('abort', close, { once: true });
      void Promise.resolve(start(channel)).catch(close);
    },
    cancel: close,
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
