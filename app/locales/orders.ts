// Strings of the orders pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "orders.placeholder": "",
};
const en: Record<keyof typeof zh, string> = {
  "orders.placeholder": "",
};
export default { "zh-CN": zh, en };
