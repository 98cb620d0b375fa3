// Strings of the experiences pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "experiences.placeholder": "",
};

const en: Record<keyof typeof zh, string> = {
  "experiences.placeholder": "",
};

export default { "zh-CN": zh, en };
