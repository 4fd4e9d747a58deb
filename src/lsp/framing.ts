/**
 * The Language Server Protocol's base protocol: JSON-RPC messages framed by a `Content-Length` header.
 * A bounded reader: a header or message over the limit closes the connection instead of growing without end.
 */

export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class MessageReader {
  private buffer = Buffer.alloc(0);

  constructor(
    private readonly onMessage: (message: unknown) => void,
    /** The stream is unusable (bad framing): the connection should close. */
    private readonly onError: (reason: string) => void,
    /** One message was not JSON: answered with a JSON-RPC parse error, the stream goes on. */
    private readonly onInvalidJson: () => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        if (this.buffer.length > 8192) this.onError('header too long');
        return;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /content-length:\s*(\d+)/i.exec(header);
      if (!match) {
        this.onError('missing Content-Length');
        return;
      }
      const length = Number(match[1]);
      if (length > MAX_MESSAGE_BYTES) {
        this.onError(`message of ${length} bytes is over the limit`);
        return;
      }
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        this.onInvalidJson();
        continue;
      }
      this.onMessage(message);
    }
  }
}

export function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}
