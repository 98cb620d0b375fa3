import { randomInt } from "node:crypto";

// Order numbers people can read out on the phone: XJ + the Shanghai date + 6 characters without
// look-alikes (no 0/O, 1/I/L). 31^6 ≈ 887 million per day; a clash is retried by the caller.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" });

export function newOrderNumber(now = new Date()): string {
  const day = DAY.format(now).replaceAll("-", "");
  let tail = "";
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `XJ${day}-${tail}`;
}

export const ORDER_NUMBER_PATTERN = /^XJ\d{6}-[2-9A-HJKMNP-Z]{6}$/;
