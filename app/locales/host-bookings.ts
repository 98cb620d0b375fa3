// Strings of the host's bookings calendar, blocked dates, calendar sync and pay-on-arrival settings. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "hostBookings.title": "预订日历",
};

const en: Record<keyof typeof zh, string> = {
  "hostBookings.title": "Bookings calendar",
};

export default { "zh-CN": zh, en };
