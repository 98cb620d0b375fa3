// Strings of the traveller's bookings, cancellations and booking mails. Each namespace file exports zh-CN and en with the same keys.
const zh = {
  "travellerBookings.title": "我的预订",
};

const en: Record<keyof typeof zh, string> = {
  "travellerBookings.title": "My bookings",
};

export default { "zh-CN": zh, en };
