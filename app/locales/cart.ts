// Strings of the cart pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "cart.placeholder": "",
};
const en: Record<keyof typeof zh, string> = {
  "cart.placeholder": "",
};
export default { "zh-CN": zh, en };
