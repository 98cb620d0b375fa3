// Strings of the admin pages. Each namespace file exports zh-CN and en with the same keys.
const zh = {
};

const en: Record<keyof typeof zh, string> = {
};

export default { "zh-CN": zh, en };
