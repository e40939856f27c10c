import { StringDecoder } from 'node:string_decoder';

// Argo keeps the last 256 kB of stdout as `outputs.result`.
const RESULT_BYTES = 256 * 1024;
// A line longer than this is passed on in pieces rather than held in memory.
const MAX_PENDING = 64 * 1024;

/** How much of the start of a stream was already passed on (by an earlier process): whole lines, then characters. */
export interface LogSkip {
  readonly lines: number;
  readonly chars: number;
}

/** Cuts a stream into chunks of whole lines for `onLog`, holding a partial last line until it ends. */
export class LineChunker {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private skipLines: number;
  private skipChars: number;

  constructor(
    private readonly emit: (text: string) => void,
    skip: LogSkip = { lines: 0, chars: 0 },
  ) {
    this.skipLines = skip.lines;
    this.skipChars = skip.chars;
  }

  /** Drops what was already passed on from the start of the stream. */
  private skip(text: string): string {
    let rest = text;
    while (this.skipLines > 0) {
      const end = rest.indexOf('\n');
      if (end < 0) return '';
      rest = rest.slice(end + 1);
      this.skipLines--;
    }
    if (this.skipChars > 0 && rest !== '') {
      const line = rest.indexOf('\n');
      // Never beyond the end of the line the characters were cut from.
      const cut = Math.min(this.skipChars, line < 0 ? rest.length : line);
      this.skipChars = line < 0 && cut === rest.length ? this.skipChars - cut : 0;
      rest = rest.slice(cut);
    }
    return rest;
  }

  /** Adds bytes; emits every complete line received so far. */
  push(chunk: Buffer): void {
    this.pending += this.skip(this.decoder.write(chunk));
    const end = this.pending.lastIndexOf('\n');
    if (end >= 0) {
      this.emit(this.pending.slice(0, end + 1));
      this.pending = this.pending.slice(end + 1);
    } else if (this.pending.length > MAX_PENDING) {
      this.emit(this.pending);
      this.pending = '';
    }
  }

  /** Emits what is left (a last line without a newline). */
  flush(): void {
    this.pending += this.skip(this.decoder.end());
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }
}

/** Keeps the last bytes of a stream, enough for Argo's `outputs.result`. */
export class ResultTail {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    if (this.size > 2 * RESULT_BYTES + 1) {
      const all = Buffer.concat(this.chunks);
      const kept = all.subarray(all.byteLength - (RESULT_BYTES + 1));
      this.chunks = [kept];
      this.size = kept.byteLength;
    }
  }

  /** The result as Argo computes it: one trailing newline trimmed, then at most the last 256 kB. */
  result(): string {
    let bytes = Buffer.concat(this.chunks);
    if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, -1);
    if (bytes.byteLength > RESULT_BYTES) {
      bytes = bytes.subarray(bytes.byteLength - RESULT_BYTES);
      // Skip UTF-8 continuation bytes the cut left at the start.
      let start = 0;
      while (start < bytes.byteLength && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
      bytes = bytes.subarray(start);
    }
    return bytes.toString('utf8');
  }
}
