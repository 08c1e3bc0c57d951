// GitHub-style pagination: `per_page` (clamped to the operation's documented maximum) and
// `page`, with a `Link` header carrying rel="prev"/"next"/"first"/"last" absolute URLs.

export interface PageLimits {
  defaultPerPage: number;
  maxPerPage: number;
}

export interface Page<T> {
  items: T[];
  /** The Link header value, or undefined when everything fits on one page. */
  link: string | undefined;
}

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= 1 ? n : undefined;
}

/** `origin + rawPath` is the URL the page links point to; other query parameters are kept. */
export function paginate<T>(all: readonly T[], query: URLSearchParams, limits: PageLimits, origin: string, rawPath: string): Page<T> {
  const perPage = Math.min(positiveInt(query.get("per_page")) ?? limits.defaultPerPage, limits.maxPerPage);
  const page = positiveInt(query.get("page")) ?? 1;
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1) return { items, link: undefined };

  const urlFor = (n: number): string => {
    const q = new URLSearchParams(query);
    q.set("per_page", String(perPage));
    q.set("page", String(n));
    return `${origin}${rawPath}?${q.toString()}`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${urlFor(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) rels.push(`<${urlFor(page + 1)}>; rel="next"`);
  if (page < lastPage) rels.push(`<${urlFor(lastPage)}>; rel="last"`);
  if (page > 1) rels.push(`<${urlFor(1)}>; rel="first"`);
  return { items, link: rels.join(", ") };
}

/** A list endpoint's answer: `{ total_count, <key>: [...] }` for one page, with its Link header. */
export function pagedList<T>(
  ctx: { query: URLSearchParams; routeKey: string | undefined; rawPath: string; core: { origin: string; validator: { pageLimits(routeKey: string | undefined): PageLimits } } },
  key: "secrets" | "variables",
  all: readonly T[],
  toJson: (record: T) => unknown,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const page = paginate(all, ctx.query, ctx.core.validator.pageLimits(ctx.routeKey), ctx.core.origin, ctx.rawPath);
  return {
    status: 200,
    body: { total_count: all.length, [key]: page.items.map(toJson) },
    headers: page.link ? { link: page.link } : {},
  };
}
