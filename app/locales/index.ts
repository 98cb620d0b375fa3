import catalog from "./catalog";
import common from "./common";
import experiences from "./experiences";
import places from "./places";
import search from "./search";
import stays from "./stays";

const zh = {
  ...common["zh-CN"],
  ...catalog["zh-CN"],
  ...places["zh-CN"],
  ...stays["zh-CN"],
  ...experiences["zh-CN"],
  ...search["zh-CN"],
};
const en = { ...common.en, ...catalog.en, ...places.en, ...stays.en, ...experiences.en, ...search.en };

export type MessageKey = keyof typeof zh;
export const messages: Record<"zh-CN" | "en", Record<MessageKey, string>> = { "zh-CN": zh, en };
