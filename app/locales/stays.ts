// Strings of the stays pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "stays.placeholder": "",
};

const en: Record<keyof typeof zh, string> = {
  "stays.placeholder": "",
};

export default { "zh-CN": zh, en };
