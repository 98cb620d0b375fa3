// Strings of the places pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "places.placeholder": "",
};

const en: Record<keyof typeof zh, string> = {
  "places.placeholder": "",
};

export default { "zh-CN": zh, en };
