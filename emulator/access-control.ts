// Who sent a request and what they may reach: the emulator's own token (full access), an App's
// JWT (only to get installation tokens), or an installation token (only its installation's
// account, repositories and permissions).

import type { IncomingMessage } from "node:http";
import { ApiError, GENERIC_DOCS } from "./api-error";
import type { Principal } from "./apps";
import type { ResolvedContainer } from "./containers";
import type { EmulatorCore } from "./core";
import type { RouteMatch } from "./routes";

/** The principal behind the Authorization header; throws GitHub's 401/403 when there is none that fits the route. */
export function authenticate(req: IncomingMessage, match: RouteMatch | undefined, token: string, core: EmulatorCore): Principal {
  const header = req.headers.authorization;
  if (header === undefined || header === "") {
    throw new ApiError(401, "Requires authentication", { documentationUrl: GENERIC_DOCS });
  }
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  if (m && m[1] === token) return { kind: "user" };
  const principal = m ? core.apps.identify(m[1]!) : undefined;
  if (!principal) throw new ApiError(401, "Bad credentials", { documentationUrl: GENERIC_DOCS });
  const appRoute = match?.route.template.startsWith("/app/") ?? false;
  if ((principal.kind === "app") !== appRoute) {
    throw new ApiError(principal.kind === "app" ? 403 : 401, principal.kind === "app" ? "Resource not accessible by integration" : "A JSON web token could not be decoded");
  }
  return principal;
}

/** An installation token reaches only its installation's account, repositories and permissions. */
export function authorizeInstallation(
  core: EmulatorCore,
  principal: Extract<Principal, { kind: "installation" }>,
  method: string,
  match: RouteMatch,
  container: ResolvedContainer | undefined,
): void {
  const { apps, world } = core;
  const write = method !== "GET";
  if (container) {
    const kind = match.route.template.includes("/variables") ? "variables" : "secrets";
    apps.authorize(principal.installation, { account: container.account, repository: container.repository, container, kind, write });
  } else if (match.params.repo !== undefined) {
    const repository = world.repository(match.params.owner ?? "", match.params.repo);
    if (repository) apps.authorize(principal.installation, { repository, write });
  } else {
    // GET /user: an installation acts for no user.
    apps.authorize(principal.installation, { write });
  }
}
