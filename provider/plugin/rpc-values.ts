/*
 * Property values as the engine sends them to a provider that accepts secrets: a secret is an
 * object carrying Pulumi's signature key, anywhere in a value. The lifecycle works on plain
 * values; these helpers take the wrapping off on the way in and put it back on the way out.
 * https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/providers/implementers-guide.html
 */

/** Pulumi's signature key, and the signature that marks a secret. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export type PropertyMap = Record<string, unknown>;

export interface UnwrappedProperties {
  readonly plain: PropertyMap;
  /** The top-level properties that held a secret anywhere inside them. */
  readonly secrets: ReadonlySet<string>;
}

function isSecret(value: unknown): value is { value?: unknown } {
  return typeof value === "object" && value !== null && (value as PropertyMap)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** The value without its secret markers, and whether it had one. */
function unwrapValue(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecret(value)) return { plain: unwrapValue(value.value).plain, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrapValue);
    return { plain: items.map((item) => item.plain), secret: items.some((item) => item.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => [key, unwrapValue(item)] as const);
    return { plain: Object.fromEntries(entries.map(([key, item]) => [key, item.plain])), secret: entries.some(([, item]) => item.secret) };
  }
  return { plain: value, secret: false };
}

export function unwrapProperties(properties: PropertyMap | undefined): UnwrappedProperties {
  const plain: PropertyMap = {};
  const secrets = new Set<string>();
  for (const [key, value] of Object.entries(properties ?? {})) {
    const unwrapped = unwrapValue(value);
    plain[key] = unwrapped.plain;
    if (unwrapped.secret) secrets.add(key);
  }
  return { plain, secrets };
}

/** A whole property marked secret: the engine encrypts it in state and masks it in every display. */
export function secretValue(value: unknown): PropertyMap {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** `properties` with each property named in `secrets` wrapped as a secret; absent ones stay absent. */
export function wrapProperties(properties: PropertyMap, secrets: Iterable<string>): PropertyMap {
  const wrapped: PropertyMap = { ...properties };
  for (const key of secrets) {
    if (wrapped[key] !== undefined && wrapped[key] !== null) wrapped[key] = secretValue(wrapped[key]);
  }
  return wrapped;
}
