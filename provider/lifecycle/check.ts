import type { Deployment } from "../deployment/deployment";
import { scopeFor } from "../scopes";
import type { ScopeKey, ValueSource } from "../types";
import { isUnknownSource, readSource } from "../values/value-sources";
import { checkInputs } from "./input-rules";

/**
 * The engine's `check`: every input rule, before any API call. A new resource has no diff,
 * where a `valueFrom` source is otherwise read, so its source is read here: a missing source
 * stops the preview. That failure names no property: it is about the source.
 */
export async function check(
  deployment: Deployment,
  key: ScopeKey,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<ReturnType<typeof checkInputs>> {
  const checked = checkInputs(scopeFor(key), news, deployment.configuration.owner);
  const source = checked.inputs.valueFrom;
  if (checked.failures.length === 0 && source !== undefined && source !== null && !isUnknownSource(source) && Object.keys(olds).length === 0) {
    try {
      await readSource(deployment, source as ValueSource);
    } catch (error) {
      checked.failures.push({ property: "", reason: (error as Error).message });
    }
  }
  return checked;
}
