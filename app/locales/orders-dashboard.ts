// Strings of the orders-dashboard pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "orders-dashboard.placeholder": "",
};
const en: Record<keyof typeof zh, string> = {
  "orders-dashboard.placeholder": "",
};
export default { "zh-CN": zh, en };
