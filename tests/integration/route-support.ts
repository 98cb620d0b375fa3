// Calling route loaders and actions the way Remix does, as a given browser: with its session
// cookie, and (for actions) a same-origin form POST. Thrown Responses and `data()` results are
// returned, not thrown, so a test can look at any outcome.
export const ORIGIN = "http://test.local";

export type RouteModule = {
  loader?: (args: never) => unknown;
  action?: (args: never) => unknown;
};

export type Outcome = {
  status: number;
  headers: Headers;
  /** JSON body or `data()` payload, when there is one. */
  body: unknown;
  /** The Location of a redirect. */
  location: string | null;
};

export type CallOptions = {
  cookie?: string | null;
  params?: Record<string, string>;
  /** Fields of a form POST (urlencoded) or a ready FormData (multipart). */
  form?: Record<string, string | string[]> | FormData;
  origin?: string | null;
  method?: string;
  clientIp?: string;
};

function request(url: string, options: CallOptions, method: string): Request {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: BodyInit | undefined;
  if (method !== "GET" && method !== "HEAD") {
    if (options.origin !== null) headers.set("Origin", options.origin ?? ORIGIN);
    if (options.form instanceof FormData) body = options.form;
    else if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params;
    }
  }
  return new Request(`${ORIGIN}${url}`, { method, headers, body });
}

async function settle(run: () => unknown): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? await result.json().catch(() => null) : await result.text();
    return { status: result.status, headers: result.headers, body, location: result.headers.get("Location") };
  }
  // What `data(payload, init)` returns.
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const init = (result as { init?: ResponseInit | null }).init;
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, body: (result as unknown as { data: unknown }).data, location: headers.get("Location") };
  }
  if (result instanceof Error) throw result;
  return { status: 200, headers: new Headers(), body: result, location: null };
}

export function callLoader(route: RouteModule, url: string, options: CallOptions = {}): Promise<Outcome> {
  if (!route.loader) throw new Error(`no loader for ${url}`);
  const args = { request: request(url, options, "GET"), params: options.params ?? {}, context: { clientIp: options.clientIp ?? "127.0.0.1" } };
  return settle(() => route.loader!(args as never));
}

export function callAction(route: RouteModule, url: string, options: CallOptions = {}): Promise<Outcome> {
  if (!route.action) throw new Error(`no action for ${url}`);
  const args = {
    request: request(url, options, options.method ?? "POST"),
    params: options.params ?? {},
    context: { clientIp: options.clientIp ?? "127.0.0.1" },
  };
  return settle(() => route.action!(args as never));
}

/** The cookie an answer set, as the browser would send it back (`name=value`), or null. */
export const cookieOf = (outcome: Outcome) => outcome.headers.get("Set-Cookie")?.split(";")[0] ?? null;
