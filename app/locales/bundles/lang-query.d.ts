// A namespace file imported as `../x?lang=zh-CN` (see zh-CN.public.ts): the same module, whose
// other language the client build leaves out.
declare module "*?lang=zh-CN" {
  const namespace: { "zh-CN": Record<string, string>; en: Record<string, string> };
  export default namespace;
}
declare module "*?lang=en" {
  const namespace: { "zh-CN": Record<string, string>; en: Record<string, string> };
  export default namespace;
}
