/** Maps signed integers to unsigned ones so that small magnitudes of either sign stay small (0, -1, 1, -2 ... → 0, 1, 2, 3 ...). */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Channel names repeat in every chunk: encode each once. */
const encodedNames = new Map<string, Uint8Array>();

/**
 * The buffer the last writer finished with, for the next: a new typed array costs more than packing a staged
 * report into it. A writer takes it while it writes; one made meanwhile gets a buffer of its own.
 */
let spare: Uint8Array | undefined;

/** Appends unsigned varints (up to 2^53) and short strings to a growing byte array. */
export class ByteWriter {
  private bytes = spare ?? new Uint8Array(256);
  private length = 0;

  constructor() {
    spare = undefined;
  }

  uint(value: number): void {
    this.room(8);
    while (value >= 128) {
      this.bytes[this.length++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.length++] = value;
  }

  /** Signed integers as zigzag varints. */
  int(value: number): void {
    this.uint(zigzag(value));
  }

  text(value: string): void {
    let encoded = encodedNames.get(value);
    if (!encoded) {
      encoded = encoder.encode(value);
      if (encodedNames.size < 10_000) encodedNames.set(value, encoded);
    }
    this.uint(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  /** The bytes written; the writer is done with its buffer. */
  result(): Uint8Array {
    spare = this.bytes;
    return this.bytes.slice(0, this.length);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** Reads what ByteWriter wrote; throws on truncated input rather than returning garbage. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.bytes.length) throw new Error('truncated history chunk');
      const byte = this.bytes[this.offset++];
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
  }

  int(): number {
    return unzigzag(this.uint());
  }

  text(): string {
    const length = this.uint();
    if (this.offset + length > this.bytes.length) throw new Error('truncated history chunk');
    const end = this.offset + length;
    const value = asciiText(this.bytes, this.offset, end) ?? decoder.decode(this.bytes.subarray(this.offset, end));
    this.offset = end;
    return value;
  }
}

/** Channel names are short and nearly always ASCII: built in place, cheaper than a TextDecoder call per name. */
function asciiText(bytes: Uint8Array, from: number, to: number): string | undefined {
  let text = '';
  for (let i = from; i < to; i++) {
    if (bytes[i] >= 128) return undefined;
    text += String.fromCharCode(bytes[i]);
  }
  return text;
}
