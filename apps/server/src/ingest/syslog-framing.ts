/**
 * Splits a syslog byte stream into messages (RFC 6587): octet counting ("123 <34>1 ...") or
 * newline-delimited, detected per frame as rsyslog does. Pure: bytes in, messages out.
 * A frame longer than `maxMessageBytes` is handed on in consecutive pieces, never dropped.
 */
export class SyslogFramer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly maxMessageBytes: number,
    private readonly emit: (message: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let start = 0;
    const buf = this.buffer;
    while (start < buf.length) {
      const octets = readOctetCount(buf, start);
      if (octets !== undefined) {
        if (octets.count === -1) break; // length prefix still incomplete
        const bodyStart = octets.bodyStart;
        if (buf.length - bodyStart < octets.count) {
          if (octets.count > this.maxMessageBytes && buf.length - bodyStart >= this.maxMessageBytes) {
            // Hand on a full piece of an oversized frame and keep counting the rest of it.
            this.emit(buf.subarray(bodyStart, bodyStart + this.maxMessageBytes));
            const remaining = octets.count - this.maxMessageBytes;
            const rest = Buffer.from(`${remaining} `);
            this.buffer = Buffer.concat([rest, buf.subarray(bodyStart + this.maxMessageBytes)]);
            this.push(Buffer.alloc(0));
            return;
          }
          break;
        }
        this.emit(trimTrailingNewline(buf.subarray(bodyStart, bodyStart + octets.count)));
        start = bodyStart + octets.count;
        // Some senders put a newline after an octet-counted frame; it is not part of the next one.
        while (start < buf.length && (buf[start] === 0x0a || buf[start] === 0x0d)) start++;
        continue;
      }
      const newline = buf.indexOf(0x0a, start);
      if (newline === -1) {
        if (buf.length - start >= this.maxMessageBytes) {
          this.emit(buf.subarray(start, start + this.maxMessageBytes));
          start += this.maxMessageBytes;
          continue;
        }
        break;
      }
      let end = newline;
      if (end > start && buf[end - 1] === 0x0d) end--;
      if (end - start > this.maxMessageBytes) {
        for (let p = start; p < end; p += this.maxMessageBytes) this.emit(buf.subarray(p, Math.min(end, p + this.maxMessageBytes)));
      } else if (end > start) {
        this.emit(buf.subarray(start, end));
      }
      start = newline + 1;
    }
    // Copy the unfinished tail so the large chunk it came from can be freed.
    this.buffer = start >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(start));
  }

  /** At end of stream a partial frame is still a message: its bytes are kept, not discarded. */
  end(): void {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    if (rest.length === 0) return;
    const octets = readOctetCount(rest, 0);
    if (octets && octets.count >= 0 && octets.bodyStart < rest.length) this.emit(rest.subarray(octets.bodyStart));
    else this.emit(trimTrailingNewline(rest));
  }
}

function trimTrailingNewline(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
  return end === b.length ? b : b.subarray(0, end);
}

/**
 * An octet-counted frame starts with 1-9 digits (no leading zero) and a space, then '<' of the PRI.
 * Returns undefined when the frame is newline-delimited, count -1 when more bytes are needed to tell.
 */
function readOctetCount(buf: Buffer, start: number): { count: number; bodyStart: number } | undefined {
  const first = buf[start]!;
  if (first < 0x31 || first > 0x39) return undefined;
  let i = start;
  let count = 0;
  while (i < buf.length && i - start < 10) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      count = count * 10 + (c - 0x30);
      i++;
      continue;
    }
    if (c !== 0x20) return undefined;
    if (i + 1 >= buf.length) return { count: -1, bodyStart: 0 };
    return buf[i + 1] === 0x3c ? { count, bodyStart: i + 1 } : undefined;
  }
  return i - start >= 10 ? undefined : { count: -1, bodyStart: 0 };
}

/** Lines of a newline-delimited body (HTTP text/plain and NDJSON, file import): CR LF or LF, empty lines skipped. */
export function splitLines(body: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  while (start < body.length) {
    let newline = body.indexOf(0x0a, start);
    if (newline === -1) newline = body.length;
    let end = newline;
    if (end > start && body[end - 1] === 0x0d) end--;
    if (end > start) lines.push(body.subarray(start, end));
    start = newline + 1;
  }
  return lines;
}
