/**
 * Strict base64 decoding, as API Gateway applies it to `isBase64Encoded` bodies and CONVERT_TO_BINARY.
 * AWS rejected `this is a UTF8 text typed object` (recorded, test_apigateway_s3.py), which a lenient MIME
 * decoder would accept after dropping the spaces; Node's Buffer.from(x, 'base64') is such a lenient decoder.
 * Padding may be omitted (Java's basic decoder, which we believe API Gateway uses, accepts that: inferred).
 *
 * The rules: only `A–Z a–z 0–9 + /`, then at most two `=`; without its padding the text is not 1 more than a
 * multiple of 4 long; padded text is a multiple of 4 long. Bodies here are up to 10 MB and this runs on every
 * binary response, so the characters are not checked one by one in JavaScript (several ns each): Node decodes
 * (leniently, SIMD), and skips every character outside its alphabets, so the text was all alphabet exactly when
 * the decoded length is the full length for that many characters (for a length that is not 1 more than a multiple
 * of 4, each skipped character costs at least one byte) and none of the characters is one of base64url's `-` and
 * `_`, which Node also decodes (two native scans). The last 2 or 3 characters are checked by hand.
 */
const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;
const EQUALS = 0x3d;

export function decodeBase64Strict(text: string): Buffer | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === EQUALS) end--;
  const padding = text.length - end;
  if (padding > 2) return undefined;
  if (end % 4 === 1) return undefined;
  if (padding > 0 && text.length % 4 !== 0) return undefined;
  const whole = end - (end % 4);
  for (let i = whole; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || ALPHABET[code] === 0) return undefined;
  }
  const unpadded = padding === 0 ? text : text.slice(0, end);
  const decoded = Buffer.from(unpadded, 'base64');
  // 3 bytes per whole group, then 1 byte for 2 trailing characters or 2 for 3.
  const fullBytes = (whole / 4) * 3 + Math.max(0, (end % 4) - 1);
  if (decoded.length !== fullBytes) return undefined;
  if (unpadded.includes('-') || unpadded.includes('_')) return undefined;
  return decoded;
}
