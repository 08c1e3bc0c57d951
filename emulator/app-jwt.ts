// The JSON web token a GitHub App signs with its private key to ask for installation tokens:
// https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app

import { verify, type KeyObject } from "node:crypto";
import { ApiError } from "./api-error";

/** GitHub refuses a JWT whose `exp` is more than 10 minutes ahead (a little drift is tolerated). */
const MAX_JWT_LIFETIME_SECONDS = 600;
const CLOCK_DRIFT_SECONDS = 60;
const JWT_DOCS = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";

export interface JwtIssuer {
  id: number;
  slug: string;
  publicKey: KeyObject;
}

/** Checks an RS256 JWT as GitHub does: signature by the App's key, `iss`, `iat` and `exp`; 401 otherwise. */
export function verifyAppJwt<A extends JwtIssuer>(jwt: string, apps: readonly A[], nowMs: number): A {
  const undecodable = () => new ApiError(401, "A JSON web token could not be decoded", { documentationUrl: JWT_DOCS });
  const [headerPart, payloadPart, signaturePart] = jwt.split(".") as [string, string, string];
  let header: { alg?: unknown };
  let payload: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as typeof header;
    payload = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as typeof payload;
  } catch {
    throw undecodable();
  }
  if (header.alg !== "RS256") throw undecodable();
  const app = apps.find((a) => String(a.id) === String(payload.iss) || a.slug === payload.iss);
  if (!app) throw new ApiError(401, "'Issuer' claim ('iss') must be an Integer", { documentationUrl: JWT_DOCS });
  const signed = verify("RSA-SHA256", Buffer.from(`${headerPart}.${payloadPart}`), app.publicKey, Buffer.from(signaturePart, "base64url"));
  if (!signed) throw undecodable();
  const now = Math.floor(nowMs / 1000);
  if (typeof payload.iat !== "number" || !Number.isInteger(payload.iat) || payload.iat > now + CLOCK_DRIFT_SECONDS) {
    throw new ApiError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued", { documentationUrl: JWT_DOCS });
  }
  if (typeof payload.exp !== "number" || payload.exp <= now) {
    throw new ApiError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires", { documentationUrl: JWT_DOCS });
  }
  if (payload.exp - now > MAX_JWT_LIFETIME_SECONDS + CLOCK_DRIFT_SECONDS || payload.exp - payload.iat > MAX_JWT_LIFETIME_SECONDS) {
    throw new ApiError(401, "'Expiration time' claim ('exp') is too far in the future", { documentationUrl: JWT_DOCS });
  }
  return app;
}
