// Messages of form validation (see ~/utils/forms): keys a schema puts in its errors.
const zh = {
  "form.required": "请填写这一项",
  "form.invalid": "格式不正确",
  "form.tooShort": "至少 {n} 个字符",
  "form.tooLong": "最多 {n} 个字符",
  "form.tooSmall": "不能小于 {n}",
  "form.tooBig": "不能大于 {n}",
  "form.chooseOne": "请至少选择一项",
  "form.chooseAtLeast": "请至少选择 {n} 项",
  "form.tooMany": "最多选择 {n} 项",
  "form.email": "请输入有效的电子邮箱",
  "form.url": "请输入有效的网址",
  "form.choice": "请选择列表中的一项",
  "form.integer": "请输入整数",
  "form.date": "请输入有效日期（年-月-日）",
  "form.price": "请输入金额，如 168 或 168.50",
  "form.errorSummary": "表单中有需要修改的地方，请查看标红的项目。",
  "form.saved": "已保存",
  "form.saving": "正在保存…",
};

const en: Record<keyof typeof zh, string> = {
  "form.required": "Please fill this in",
  "form.invalid": "This doesn't look right",
  "form.tooShort": "At least {n} characters",
  "form.tooLong": "At most {n} characters",
  "form.tooSmall": "Must be at least {n}",
  "form.tooBig": "Must be at most {n}",
  "form.chooseOne": "Choose at least one",
  "form.chooseAtLeast": "Choose at least {n}",
  "form.tooMany": "Choose at most {n}",
  "form.email": "Enter a valid e-mail address",
  "form.url": "Enter a valid web address",
  "form.choice": "Choose one of the options",
  "form.integer": "Enter a whole number",
  "form.date": "Enter a valid date (YYYY-MM-DD)",
  "form.price": "Enter an amount such as 168 or 168.50",
  "form.errorSummary": "Some fields need your attention: see the ones marked in red.",
  "form.saved": "Saved",
  "form.saving": "Saving…",
};

export default { "zh-CN": zh, en };
