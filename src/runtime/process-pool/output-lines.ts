import { StringDecoder } from 'node:string_decoder';

/** CloudWatch Logs' maximum event size; longer lines are split so a flood never buffers without bound. */
const MAX_LINE_CHARS = 256 * 1024;

/** Splits a process's output stream into lines without holding more than one line in memory. */
export class OutputLines {
  #decoder = new StringDecoder('utf8');
  #partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let text = this.#partial + this.#decoder.write(chunk);
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, at));
      start = at + 1;
    }
    text = text.slice(start);
    while (text.length > MAX_LINE_CHARS) {
      this.onLine(text.slice(0, MAX_LINE_CHARS));
      text = text.slice(MAX_LINE_CHARS);
    }
    this.#partial = text;
  }

  end(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    if (rest !== '') this.onLine(rest);
  }
}
