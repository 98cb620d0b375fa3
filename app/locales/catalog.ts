// Strings of the catalog pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "catalog.placeholder": "",
};

const en: Record<keyof typeof zh, string> = {
  "catalog.placeholder": "",
};

export default { "zh-CN": zh, en };
