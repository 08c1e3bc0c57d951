// GET /repos/{owner}/{repo} (clients resolve repository names to ids with it) and GET /user.

import { notFound } from "./api-error";
import type { HandlerContext, HandlerResult } from "./handler-types";
import { accountJson, repositoryJson } from "./representations";

export function getRepository(ctx: HandlerContext): HandlerResult {
  const repo = ctx.core.world.repository(ctx.params.owner ?? "", ctx.params.repo ?? "");
  if (!repo) throw notFound();
  return { status: 200, body: repositoryJson(ctx.core.origin, repo) };
}

export function getAuthenticatedUser(ctx: HandlerContext): HandlerResult {
  const user = ctx.core.world.user;
  return { status: 200, body: { ...accountJson(ctx.core.origin, user), name: "The Octocat" } };
}
