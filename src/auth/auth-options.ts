import type { JwksFileOption } from './jwt/jwks-store.js';

/** Credentials SigV4 signatures are verified against (AWS_IAM). */
export interface IamCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** requestContext.identity.userArn; `arn:aws:iam::{account}:user/gatehouse` by default. */
  readonly userArn?: string;
}

/** What authorization needs from outside the template. */
export interface AuthOptions {
  /** JWKS files standing in for issuers (`--jwks ISSUER=FILE`, `--jwks FILE`). */
  readonly jwks?: readonly JwksFileOption[];
  /** Accepted SigV4 credentials (`--iam-credentials`, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY). */
  readonly iamCredentials?: readonly IamCredential[];
  /** For tests: the fetch used to read JWKS over HTTP. */
  readonly fetch?: typeof fetch;
}
