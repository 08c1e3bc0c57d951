// HTTP handlers of {base}/secrets…, for every scope.

import { ApiError, invalidRequest, notFound } from "./api-error";
import { requireContainer, type HandlerContext, type HandlerResult } from "./handler-types";
import { upsertSecret } from "./items";
import { canonicalName, requireValidName } from "./names";
import { pagedList } from "./pagination";
import { secretJson } from "./representations";
import { openSealedBox, toBase64 } from "./sealed-box";
import { normalizeRepositoryIds } from "./selection";
import { sortedByName, type ContainerState, type SecretRecord } from "./state";
import type { Visibility } from "./types";

interface PutSecretBody {
  encrypted_value?: string;
  key_id?: string;
  visibility?: Visibility;
  selected_repository_ids?: unknown[];
}

function stateOf(ctx: HandlerContext): ContainerState {
  return ctx.core.store.state(requireContainer(ctx));
}

/** The secret named in the path, or a 404 (also while the read-after-write switch hides it). */
function visibleSecret(ctx: HandlerContext, state: ContainerState): SecretRecord {
  const record = state.secrets.get(canonicalName(ctx.params.secret_name ?? ""));
  if (!record || ctx.core.readAfterWrite.hides(record)) throw notFound();
  return record;
}

export function listSecrets(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  return pagedList(ctx, "secrets", sortedByName(state.secrets.values()), (r) => secretJson(ctx.core.origin, state.container, ctx.core.staleReads.view(r)));
}

export function getPublicKey(ctx: HandlerContext): HandlerResult {
  const { keyPair } = stateOf(ctx);
  return { status: 200, body: { key_id: keyPair.keyId, key: toBase64(keyPair.publicKey) } };
}

export function getSecret(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  return { status: 200, body: secretJson(ctx.core.origin, state.container, ctx.core.staleReads.view(visibleSecret(ctx, state))) };
}

export function putSecret(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  const name = requireValidName("secret", ctx.params.secret_name ?? "");
  const body = (ctx.body ?? {}) as PutSecretBody;

  let bytes: Uint8Array | undefined;
  if (body.encrypted_value !== undefined) {
    // GitHub requires key_id with a value even where its schema does not say so.
    if (body.key_id === undefined) throw invalidRequest(`"key_id" wasn't supplied.`);
    if (body.key_id !== state.keyPair.keyId) {
      throw invalidRequest(`"key_id" ${JSON.stringify(body.key_id)} does not match the current public key of this scope.`);
    }
    const opened = openSealedBox(body.encrypted_value, state.keyPair);
    if (!opened.ok) {
      throw invalidRequest(
        opened.reason === "base64"
          ? `"encrypted_value" is not valid base64.`
          : `"encrypted_value" could not be decrypted with the public key ${body.key_id}.`,
      );
    }
    bytes = opened.plaintext;
  } else if (state.container.scope.selection === null) {
    // Without visibility or selection there is nothing else a PUT could change.
    throw invalidRequest(`"encrypted_value" wasn't supplied.`);
  }

  const selection = state.container.scope.selection;
  const idsMatter = selection === "always" || (selection === "visibility" && body.visibility === "selected");
  const ids =
    idsMatter && body.selected_repository_ids !== undefined
      ? normalizeRepositoryIds(ctx.core.world, state.container, body.selected_repository_ids, "Secret")
      : undefined;
  const visibility = selection === "visibility" ? body.visibility : undefined;

  const { created, record } = upsertSecret(ctx.core, state, name, bytes, { visibility, selectedRepositoryIds: ids });
  if (created) {
    ctx.core.readAfterWrite.markCreated(record);
    return { status: 201, body: {} };
  }
  return { status: 204 };
}

export function deleteSecret(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  const name = canonicalName(ctx.params.secret_name ?? "");
  if (!state.secrets.delete(name)) throw new ApiError(404, "Not Found");
  return { status: 204 };
}
