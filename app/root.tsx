import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { hasSessionCookie, readSession } from "~/modules/accounts/session.server";
import { cartItemCount } from "~/modules/cart/cart.server";
import { currentCartId, hasCartCookie } from "~/modules/cart/cookie.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { type Lang, htmlLang, langFromPath, localePath, stripLang } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import { LangContext, translator } from "~/utils/t";
import { usePreloadMessages } from "~/utils/t-preload";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return { origin: env().PUBLIC_ORIGIN ?? url.origin, cartCount: await headerCartCount(request) };
}

/**
 * The header's cart count. Only a browser with a cart cookie or a session has one; its pages are
 * then marked private by entry.server (a cached public page never carries someone's count).
 * A failure here must not take every page down: the count is left out instead.
 */
async function headerCartCount(request: Request): Promise<number> {
  if (!hasCartCookie(request) && !hasSessionCookie(request)) return 0;
  try {
    const db = getDb();
    const cartId = await currentCartId(request, db, await readSession(db, request));
    return cartId ? await cartItemCount(db, cartId) : 0;
  } catch (error) {
    console.error(error);
    return 0;
  }
}

// Error pages get a title too: routes whose loader throws fall back to the root boundary, and
// then only the root's meta runs (routes without a meta export inherit it).
export const meta: MetaFunction = ({ error, location }) => {
  if (!error) return [];
  const t = translator(langFromPath(location.pathname));
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind =
    status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 429 ? "tooMany" : status >= 400 && status < 500 ? "badRequest" : "server";
  return [{ title: `${t(`error.${kind}.title`)} · ${t("site.name")}` }, { name: "robots", content: "noindex" }];
};

function useLangFromLocation(): Lang {
  return langFromPath(useLocation().pathname);
}

/** Canonical and hreflang alternates: each language has its own URL. */
function AlternateLinks({ origin }: { origin: string }) {
  const { pathname } = useLocation();
  const lang = langFromPath(pathname);
  const neutral = stripLang(pathname);
  return (
    <>
      <link rel="canonical" href={origin + localePath(lang, neutral)} />
      <link rel="alternate" hrefLang="zh-CN" href={origin + localePath("zh-CN", neutral)} />
      <link rel="alternate" hrefLang="en" href={origin + localePath("en", neutral)} />
      <link rel="alternate" hrefLang="x-default" href={origin + localePath("zh-CN", neutral)} />
    </>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const lang = useLangFromLocation();
  usePreloadMessages();
  const data = useRouteLoaderData<typeof loader>("root");
  // Remix's inline scripts carry the response's CSP nonce (JSON-LD from <Meta> is data, not a
  // script: CSP does not apply to it).
  const nonce = useNonce();
  return (
    <html lang={htmlLang(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#2f5f2c" />
        <Meta />
        {data ? <AlternateLinks origin={data.origin} /> : null}
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <LangContext.Provider value={lang}>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
            {children}
          </main>
          <SiteFooter />
        </LangContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={status} />;
}
