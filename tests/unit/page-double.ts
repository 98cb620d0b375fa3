// Pages rendered on the server as a browser without JavaScript gets them, outside Remix: a
// double of @remix-run/react whose loader and action data the test sets, and a render in a
// language. Use it with
//   vi.mock("@remix-run/react", () => import("./page-double").then((m) => m.remixReactDouble()));
import { type ReactNode, createElement } from "react";
import { renderToString } from "react-dom/server";
import { LangContext } from "~/utils/t";

/** What useLoaderData and useActionData answer. */
export const route = { loaderData: undefined as unknown, actionData: undefined as unknown };

type Props = Record<string, unknown> & { children?: ReactNode };

export function remixReactDouble() {
  return {
    useLoaderData: () => route.loaderData,
    useActionData: () => route.actionData,
    useNavigation: () => ({ state: "idle" }),
    Form: ({ children, reloadDocument: _r, ...props }: Props) => createElement("form", props, children),
    Link: ({ to, children, prefetch: _p, ...props }: Props) => createElement("a", { ...props, href: to }, children),
  };
}

/** The node as HTML in a language. */
export const render = (node: ReactNode, lang: "zh-CN" | "en" = "zh-CN") => renderToString(createElement(LangContext.Provider, { value: lang }, node));
