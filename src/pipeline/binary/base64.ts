/**
 * Strict base64 decoding, as API Gateway applies it to `isBase64Encoded` bodies and CONVERT_TO_BINARY.
 * AWS rejected `this is a UTF8 text typed object` (recorded, test_apigateway_s3.py), which a lenient MIME
 * decoder would accept after dropping the spaces; Node's Buffer.from(x, 'base64') is such a lenient decoder.
 * Padding may be omitted (Java's basic decoder, which we believe API Gateway uses, accepts that: inferred).
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  if (text.length !== unpadded.length && text.length % 4 !== 0) return undefined;
  return Buffer.from(unpadded, 'base64');
}
