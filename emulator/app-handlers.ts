// POST /app/installations/{installation_id}/access_tokens: an App, proven by its JWT, gets an
// installation token. https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app

import { ApiError } from "./api-error";
import type { HandlerContext, HandlerResult } from "./handler-types";
import type { Permission } from "./types";

type TokenRequest = { repositories?: string[]; repository_ids?: number[]; permissions?: Record<string, Permission> };

export function createInstallationAccessToken(ctx: HandlerContext): HandlerResult {
  if (ctx.principal?.kind !== "app") {
    // Only a JWT signed with the App's private key may ask for an installation token.
    throw new ApiError(401, "A JSON web token could not be decoded");
  }
  const installationId = Number(ctx.params.installation_id);
  if (!Number.isInteger(installationId)) throw new ApiError(404, "Not Found");
  return { status: 201, body: ctx.core.apps.issue(ctx.principal.app, installationId, (ctx.body ?? {}) as TokenRequest) };
}
