/**
 * Signature Version 4 verification for AWS_IAM methods and routes, computed as the AWS SigV4 documentation
 * describes it (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): the canonical
 * request (method, canonical URI with each segment URI-encoded again, sorted canonical query, lower-cased and
 * trimmed signed headers, hex SHA-256 of the payload), the string to sign (AWS4-HMAC-SHA256, X-Amz-Date, scope,
 * hash of the canonical request), and the HMAC-SHA256 key chain date → region → service → aws4_request.
 * Signatures older than 5 minutes are refused (the AWS message says "- 5 min.").
 * Authentication only: IAM policies of the signer are not evaluated; any configured credential may invoke.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IamCredential } from '../auth-options.js';

export interface SignedRequest {
  readonly method: string;
  /** The request target as sent (path and query, encoding untouched). */
  readonly rawPath: string;
  readonly rawQuery: string | undefined;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export type SigV4Result =
  | { readonly ok: true; readonly credential: IamCredential; readonly accessKeyId: string }
  | { readonly ok: false; readonly failure: 'missing'; readonly reason: string }
  | { readonly ok: false; readonly failure: 'unknown-key'; readonly reason: string }
  | { readonly ok: false; readonly failure: 'expired'; readonly reason: string; readonly fields: Record<string, string> }
  | {
      readonly ok: false;
      readonly failure: 'mismatch';
      readonly reason: string;
      readonly canonicalRequest: string;
      readonly stringToSign: string;
    };

interface Presented {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string;
  /** Query-string signing (presigned URL). */
  readonly presigned: boolean;
  readonly expiresSeconds?: number;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;

export function verifySigV4(
  request: SignedRequest,
  credentials: readonly IamCredential[],
  expected: { region: string; service: string },
  now = Date.now(),
): SigV4Result {
  const presented = readSignature(request);
  if (presented === undefined)
    return {
      ok: false,
      failure: 'missing',
      reason: 'the request has no SigV4 Authorization header and no X-Amz-Signature query parameter',
    };
  if (typeof presented === 'string') return { ok: false, failure: 'missing', reason: presented };
  const credential = credentials.find((c) => c.accessKeyId === presented.accessKeyId);
  if (credential === undefined) {
    return {
      ok: false,
      failure: 'unknown-key',
      reason: `access key ${presented.accessKeyId} is none of the ${credentials.length} credential(s) gatehouse accepts${credentials.length === 0 ? ' (start with --iam-credentials ACCESS_KEY:SECRET or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)' : ''}`,
    };
  }
  const signedAt = parseAmzDate(presented.amzDate);
  if (signedAt !== undefined && !presented.presigned && Math.abs(now - signedAt) > FIVE_MINUTES_MS) {
    const fields = { signedAt: presented.amzDate, earliest: formatAmzDate(now - FIVE_MINUTES_MS), now: formatAmzDate(now) };
    return {
      ok: false,
      failure: 'expired',
      reason: `X-Amz-Date ${presented.amzDate} is more than 5 minutes from now (${fields.now})`,
      fields,
    };
  }
  if (
    signedAt !== undefined &&
    presented.presigned &&
    presented.expiresSeconds !== undefined &&
    now > signedAt + presented.expiresSeconds * 1000
  ) {
    const fields = {
      signedAt: presented.amzDate,
      earliest: formatAmzDate(now - presented.expiresSeconds * 1000),
      now: formatAmzDate(now),
    };
    return {
      ok: false,
      failure: 'expired',
      reason: `the presigned URL expired ${presented.expiresSeconds} s after ${presented.amzDate}`,
      fields,
    };
  }
  const canonicalRequest = canonicalRequestOf(request, presented);
  const scope = `${presented.date}/${presented.region}/${presented.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', presented.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(credential.secretAccessKey, presented.date, presented.region, presented.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const matches =
    signature.length === presented.signature.length &&
    timingSafeEqual(Buffer.from(signature, 'utf8'), Buffer.from(presented.signature, 'utf8'));
  const scopeProblem =
    presented.service !== expected.service
      ? `; the credential scope names service ${presented.service}, API Gateway expects ${expected.service}`
      : presented.region !== expected.region
        ? `; the credential scope names region ${presented.region}, gatehouse serves ${expected.region} (--region)`
        : '';
  if (!matches || scopeProblem !== '') {
    return {
      ok: false,
      failure: 'mismatch',
      reason: `the signature computed with the secret of ${presented.accessKeyId} differs from the one sent${scopeProblem}`,
      canonicalRequest,
      stringToSign,
    };
  }
  return { ok: true, credential, accessKeyId: presented.accessKeyId };
}

function readSignature(request: SignedRequest): Presented | string | undefined {
  const authorization = request.headers.findLast(([n]) => n.toLowerCase() === 'authorization')?.[1];
  if (authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    const parts = Object.fromEntries(
      authorization
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((p) => p.trim().split('=') as [string, string]),
    ) as Record<string, string | undefined>;
    const amzDate = request.headers.findLast(([n]) => n.toLowerCase() === 'x-amz-date')?.[1];
    if (!parts.Credential || !parts.SignedHeaders || !parts.Signature)
      return 'the Authorization header lacks Credential, SignedHeaders or Signature';
    if (amzDate === undefined) return 'the signed request has no X-Amz-Date header';
    return fromParts(parts.Credential, parts.SignedHeaders, parts.Signature, amzDate, false, undefined);
  }
  const query = new URLSearchParams(request.rawQuery ?? '');
  const signature = query.get('X-Amz-Signature');
  if (signature === null) return undefined;
  const credential = query.get('X-Amz-Credential');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const amzDate = query.get('X-Amz-Date');
  if (!credential || !signedHeaders || !amzDate)
    return 'the presigned URL lacks X-Amz-Credential, X-Amz-SignedHeaders or X-Amz-Date';
  const expires = query.get('X-Amz-Expires');
  return fromParts(credential, signedHeaders, signature, amzDate, true, expires === null ? undefined : Number(expires));
}

function fromParts(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string,
  presigned: boolean,
  expiresSeconds: number | undefined,
): Presented | string {
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request') {
    return `Credential ${credential} is not ACCESS_KEY/YYYYMMDD/region/service/aws4_request`;
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    presigned,
    ...(expiresSeconds === undefined ? {} : { expiresSeconds }),
  };
}

export function canonicalRequestOf(request: SignedRequest, presented: Pick<Presented, 'signedHeaders' | 'presigned'>): string {
  const headerLines = presented.signedHeaders.map((name) => {
    const values = request.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v.trim().replace(/\s+/g, ' '));
    return `${name}:${values.join(',')}`;
  });
  // The payload hash is computed from the body received: X-Amz-Content-Sha256 (which some signers add) is S3's
  // convention; for other services a tampered body must not verify (documented: "hex(SHA256(payload))").
  const payloadHash = sha256Hex(request.body);
  return [
    request.method,
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery, presented.presigned),
    `${headerLines.join('\n')}\n`,
    presented.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Dot segments removed, empty segments dropped, then every segment URI-encoded (again), as AWS's signers do. */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const path = `/${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEncode(path).replace(/%2F/g, '/');
}

function canonicalQuery(rawQuery: string | undefined, presigned: boolean): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(key), uriEncode(eq === -1 ? '' : safeDecode(part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, upper-case hex. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** requestContext identity fields for a verified caller (inferred ids: AWS shows the IAM unique id, e.g. AIDA...). */
export function callerIdentityOf(credential: IamCredential, accountId: string): { userArn: string; userId: string } {
  const userArn = credential.userArn ?? `arn:aws:iam::${accountId}:user/gatehouse`;
  const userId = `AIDA${createHash('sha256').update(credential.accessKeyId).digest('hex').slice(0, 17).toUpperCase()}`;
  return { userArn, userId };
}
