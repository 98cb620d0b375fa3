// Strings of booking stays and experiences (forms, calendars, availability). Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "bookings.title": "预订",
};

const en: Record<keyof typeof zh, string> = {
  "bookings.title": "Booking",
};

export default { "zh-CN": zh, en };
