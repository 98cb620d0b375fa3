import { createContext, useContext } from "react";
import { type MessageKey, messages } from "~/locales";
import type { Lang } from "./i18n";

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): TFunction {
  const table = messages[lang];
  return (key, params) => {
    const text = table[key] ?? messages["zh-CN"][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export const LangContext = createContext<Lang>("zh-CN");

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): TFunction {
  return translator(useLang());
}
