const encoder = new TextEncoder();

/** Texts shorter than this are bound as strings: encoding them ourselves would not pay off. */
const MIN_ENCODED_LENGTH = 4096;
/** A scratch buffer is kept between calls up to this size; larger texts get a one-off buffer. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;

/**
 * Turns a large JSON text into UTF-8 bytes in a reused buffer, to be bound as a BLOB and stored with
 * `CAST(? AS TEXT)`. better-sqlite3 converts bound strings with V8's slow UTF-8 writer, which for a 50 kB
 * status costs about twice the rest of the UPDATE; TextEncoder.encodeInto into a warm buffer is ~3x faster.
 */
export class Utf8Scratch {
  #buffer = Buffer.alloc(0);

  /** What to bind: `text` itself when short or null, else its UTF-8 bytes (valid until the next call). */
  bind(text: string | null): string | Buffer | null {
    if (text === null || text.length < MIN_ENCODED_LENGTH) return text;
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const needed = text.length * 3;
    let buffer = this.#buffer;
    if (buffer.length < needed) {
      buffer = Buffer.allocUnsafe(needed);
      if (needed <= MAX_KEPT_BYTES) this.#buffer = buffer;
    }
    const { written } = encoder.encodeInto(text, buffer);
    return buffer.subarray(0, written);
  }
}
