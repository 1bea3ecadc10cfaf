/**
 * `$util` of API Gateway mapping templates.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
import { fromJson, javaString } from './java-values.js';

export class TemplateFunctionError extends Error {
  override readonly name = 'TemplateFunctionError';
}

export function createUtilVariable() {
  return {
    /**
     * AWS: "Escapes the characters in a string using JavaScript string rules" and turns `'` into `\'`.
     * This is Apache Commons Lang 2's StringEscapeUtils.escapeJavaScript (inferred from the documented `\'`,
     * which JSON does not have): `"` `'` `\` `/` and control characters escaped, non-ASCII as \uXXXX.
     */
    escapeJavaScript(value: unknown): string {
      if (value === null || value === undefined) return '';
      return escapeJavaScript(javaString(value));
    },
    /** AWS: "Takes 'stringified' JSON and returns an object representation of the result." */
    parseJson(value: unknown): unknown {
      const text = javaString(value);
      try {
        return fromJson(JSON.parse(text));
      } catch (error) {
        throw new TemplateFunctionError(`$util.parseJson: not JSON: ${(error as Error).message}`);
      }
    },
    /**
     * Java's URLEncoder (application/x-www-form-urlencoded). AWS (recorded, test_input_body_formatting):
     * spaces become `+` (`some+raw+data`).
     */
    urlEncode(value: unknown): string {
      return urlEncode(javaString(value));
    },
    urlDecode(value: unknown): string {
      const text = javaString(value).replace(/\+/g, ' ');
      try {
        return decodeURIComponent(text);
      } catch {
        throw new TemplateFunctionError(`$util.urlDecode: ${JSON.stringify(text)} has an invalid % escape`);
      }
    },
    base64Encode(value: unknown): string {
      return Buffer.from(javaString(value), 'utf8').toString('base64');
    },
    base64Decode(value: unknown): string {
      return Buffer.from(javaString(value), 'base64').toString('utf8');
    },
  };
}

export function escapeJavaScript(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code > 0xffff) {
      // Java works on UTF-16 code units: a character outside the BMP becomes two escapes.
      for (const unit of [ch.charCodeAt(0), ch.charCodeAt(1)]) out += `\\u${unit.toString(16).toUpperCase()}`;
    } else if (code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (code < 32) out += controlEscapes[code] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (ch === "'" || ch === '"' || ch === '\\' || ch === '/') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

const controlEscapes: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** java.net.URLEncoder.encode(text, "UTF-8"). */
export function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
