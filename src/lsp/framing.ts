/**
 * The language server's transport: vscode-jsonrpc's stream reader and writer do the LSP base protocol (JSON-RPC
 * messages framed by a `Content-Length` header). Around them, what an editor-facing process needs:
 *
 * - FrameGuard bounds what one message may make the server buffer (a header over 8 KB, a missing or oversized
 *   `Content-Length` closes the connection) before the bytes reach the reader, in linear time.
 * - Transport knows which requests are still owed a reply and which writes are still in flight, so the server can
 *   exit after its last reply is handed to stdout rather than before (`drained`).
 */
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import {
  Message,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Disposable,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';

export const MAX_HEADER_BYTES = 8192;
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const CRLFCRLF = 0x0d0a0d0a;

/** Passes the bytes through unchanged while following the framing; a violation stops the stream (`onViolation`). */
export class FrameGuard extends Transform {
  private readonly header = Buffer.alloc(MAX_HEADER_BYTES);
  private headerLength = 0;
  private bodyLeft = 0;
  private failed = false;

  constructor(private readonly onViolation: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    let i = 0;
    /** Where the header being read began in this chunk (0 when it began in an earlier one). */
    let headerStart = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        continue;
      }
      if (this.headerLength === 0) headerStart = i;
      if (this.headerLength === MAX_HEADER_BYTES)
        return this.fail(`a message header is over ${MAX_HEADER_BYTES} bytes`, chunk, headerStart, done);
      this.header[this.headerLength++] = chunk[i++]!;
      if (this.headerLength >= 4 && this.header.readUInt32BE(this.headerLength - 4) === CRLFCRLF) {
        const text = this.header.toString('latin1', 0, this.headerLength);
        this.headerLength = 0;
        const match = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(text);
        if (!match) return this.fail('a message header has no Content-Length', chunk, headerStart, done);
        const length = Number(match[1]);
        if (length > MAX_MESSAGE_BYTES)
          return this.fail(
            `a message of ${length} bytes is over the limit (${MAX_MESSAGE_BYTES} bytes)`,
            chunk,
            headerStart,
            done,
          );
        this.bodyLeft = length;
      }
    }
    this.push(chunk);
    done();
  }

  /** The messages before the bad header still reach the reader; nothing after it does. */
  private fail(reason: string, chunk: Buffer, headerStart: number, done: TransformCallback): void {
    this.failed = true;
    if (headerStart > 0) this.push(chunk.subarray(0, headerStart));
    done();
    this.onViolation(reason);
  }
}

/** Reader and writer over two streams, with the bookkeeping for a clean exit. */
export class Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** Ids of requests read and not yet answered. */
  private readonly owed = new Set<string | number>();
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | undefined;

  constructor(input: Readable, output: Writable, onViolation: (reason: string) => void) {
    const inner = new StreamMessageReader(input.pipe(new FrameGuard(onViolation)));
    // No "partial message" timer: a client that stops mid-message must not keep the process alive.
    inner.partialMessageTimeout = 0;
    const writer = new StreamMessageWriter(output);
    const owed = this.owed;
    this.reader = {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      dispose: () => inner.dispose(),
      listen: (callback: DataCallback): Disposable =>
        inner.listen((message) => {
          if (Message.isRequest(message) && message.id !== null) owed.add(message.id);
          callback(message);
        }),
    };
    this.writer = {
      onError: writer.onError,
      onClose: writer.onClose,
      end: () => writer.end(),
      dispose: () => writer.dispose(),
      write: (message) => {
        if (Message.isResponse(message) && message.id !== null) owed.delete(message.id);
        const done = writer.write(message);
        this.inFlight.add(done);
        const settle = () => {
          this.inFlight.delete(done);
          this.wake?.();
        };
        done.then(settle, settle);
        return done;
      },
    };
  }

  /** Resolves once every message written so far is handed to the output stream. */
  async flushed(): Promise<void> {
    while (this.inFlight.size > 0) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /**
   * After the input ended: resolves once every request read has its reply written (the connection still answers
   * what it had queued) and flushed.
   */
  async drained(): Promise<void> {
    // Messages still being decoded reach the connection within the current turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    // A safety net, never reached by the handlers of this server (each answers synchronously).
    const deadline = Date.now() + 60_000;
    while ((this.owed.size > 0 && Date.now() < deadline) || this.inFlight.size > 0)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        // A reply comes from the connection's queue (one message per setImmediate): look again then.
        setImmediate(resolve);
      });
  }
}
