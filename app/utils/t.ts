import { createContext, useContext, useSyncExternalStore } from "react";
import { type MessageKey, messages } from "~/locales";
import { BUNDLES, type Bundle, bundleLoaders, bundlesForPath } from "~/locales/bundles";
import { type Lang, langFromPath, stripLang } from "./i18n";

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

type Table = Partial<Record<MessageKey, string>>;

// The server (Vite's SSR build, vitest, scripts run by tsx) has every message of both languages.
// The browser bundle starts empty and loads only the current language's chunks a page needs
// (~/locales/bundles): Vite replaces `import.meta.env.SSR` by `false` there, so the full
// dictionaries drop out of the client bundle with this branch.
const IN_BROWSER = import.meta.env?.SSR === false;
const tables: Record<Lang, Table> = IN_BROWSER ? { "zh-CN": {}, en: {} } : messages;

const loads = new Map<string, Promise<void>>();
let version = 0;
const listeners = new Set<() => void>();

function loadBundle(lang: Lang, bundle: Bundle): Promise<void> {
  const id = `${lang}:${bundle}`;
  let load = loads.get(id);
  if (!load) {
    load = bundleLoaders[lang][bundle]().then(
      (module) => {
        Object.assign(tables[lang], module.default);
        version++;
        for (const listener of listeners) listener();
      },
      (error: unknown) => {
        loads.delete(id); // a failed chunk download may be retried by the next page
        throw error;
      },
    );
    loads.set(id, load);
  }
  return load;
}

/**
 * Loads (once) the messages the page at `pathname` shows, in its language. entry.client awaits it
 * before hydrating; navigations start it as they begin (~/utils/t-preload). Does nothing on the server.
 */
export async function loadMessagesFor(pathname: string): Promise<void> {
  if (!IN_BROWSER) return;
  await Promise.all(bundlesForPath(stripLang(pathname)).map((bundle) => loadBundle(langFromPath(pathname), bundle)));
}

export function translator(lang: Lang): TFunction {
  const table = tables[lang];
  return (key, params) => {
    let text = table[key] ?? tables["zh-CN"][key];
    if (text === undefined) {
      if (IN_BROWSER) {
        // Not loaded yet (a page that bundlesForPath does not know, or a navigation that finished
        // before its chunk): fetch the rest of the language; useT's components render again then.
        for (const bundle of BUNDLES) void loadBundle(lang, bundle).catch(() => {});
        return "";
      }
      text = key;
    }
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export const LangContext = createContext<Lang>("zh-CN");

export function useLang(): Lang {
  return useContext(LangContext);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const currentVersion = () => version;

export function useT(): TFunction {
  // Renders again when a message chunk arrives.
  useSyncExternalStore(subscribe, currentVersion, currentVersion);
  return translator(useLang());
}
