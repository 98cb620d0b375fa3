// The stay, room, calendar, experience and slot forms: what a host may type, what comes out,
// and the message (a key of locales/listings-dashboard.ts or forms.ts) beside the wrong field.
import { describe, expect, it } from "vitest";
import { messages } from "~/locales";
import { blackoutSchema, nightsToRange, rateSchema } from "~/modules/seller-listings/calendar-schemas";
import {
  addSlotSchema,
  deleteSlotSchema,
  experienceSchema,
  scheduleSchema,
  scheduleSpec,
  slotCapacitySchema,
} from "~/modules/seller-listings/experience-schemas";
import { fenToYuanText, parseRouteId } from "~/modules/seller-listings/fields";
import { slugify } from "~/modules/seller-listings/slug.server";
import { AMENITIES, roomSchema, staySchema } from "~/modules/seller-listings/stay-schemas";
import { parseForm } from "~/utils/forms";
import { AMENITY_KEYS } from "../../db/schema/stays";

type Fields = Record<string, string | string[]>;

function form(fields: Fields): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params;
}

function parse<S extends Parameters<typeof parseForm>[1]>(schema: S, fields: Fields) {
  const submission = parseForm(form(fields), schema);
  return { submission, errors: submission.status === "success" ? {} : (submission.error ?? {}) };
}

const stay: Fields = {
  titleZh: "竹林小院",
  titleEn: "Bamboo Courtyard",
  villageId: "7",
  amenities: ["wifi", "tea_room"],
  checkInTime: "14:00",
  checkOutTime: "12:00",
  cancellationPolicy: "moderate",
  status: "active",
};

describe("stay form", () => {
  it("accepts a stay and fills what was left empty", () => {
    const { submission } = parse(staySchema, { ...stay, checkInTime: "9：30", amenities: ["wifi", "wifi", "garden"] });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      titleZh: "竹林小院",
      villageId: 7,
      checkInTime: "09:30",
      amenities: ["wifi", "garden"],
      descriptionZh: "",
      houseRulesEn: "",
    });
  });

  it("no amenity ticked is an empty list, not an error", () => {
    const { amenities: _a, ...rest } = stay;
    const { submission } = parse(staySchema, rest);
    expect(submission.status === "success" && submission.value.amenities).toEqual([]);
  });

  it("puts each mistake beside its field", () => {
    const { errors } = parse(staySchema, {
      ...stay,
      titleZh: "  ",
      titleEn: "x".repeat(121),
      villageId: "abc",
      amenities: ["sauna"],
      checkInTime: "25:00",
      checkOutTime: "noon",
      cancellationPolicy: "lenient",
      status: "archived",
    });
    expect(errors).toMatchObject({
      titleZh: ["form.required"],
      titleEn: ["form.tooLong:120"],
      villageId: ["form.invalid"],
      "amenities[0]": ["form.choice"],
      checkInTime: ["listings.error.time"],
      checkOutTime: ["listings.error.time"],
      cancellationPolicy: ["form.choice"],
      status: ["form.choice"],
    });
  });

  it("the amenity choices are exactly the schema's keys", () => {
    expect([...AMENITIES].sort()).toEqual([...AMENITY_KEYS].sort());
  });
});

const room: Fields = { nameZh: "山景大床房", maxGuests: "2", basePrice: "388", minNights: "1" };

describe("room form", () => {
  it("turns yuan into fen and an empty weekend price into none", () => {
    const { submission } = parse(roomSchema, { ...room, basePrice: "388.5", weekendPrice: "" });
    expect(submission.status === "success" && submission.value).toMatchObject({ basePrice: 38850, weekendPrice: null, maxGuests: 2 });
    const weekend = parse(roomSchema, { ...room, weekendPrice: "468.00" }).submission;
    expect(weekend.status === "success" && weekend.value.weekendPrice).toBe(46800);
  });

  it("refuses impossible rooms", () => {
    expect(parse(roomSchema, { ...room, maxGuests: "0" }).errors).toMatchObject({ maxGuests: ["form.tooSmall:1"] });
    expect(parse(roomSchema, { ...room, maxGuests: "21" }).errors).toMatchObject({ maxGuests: ["form.tooBig:20"] });
    expect(parse(roomSchema, { ...room, maxGuests: "2.5" }).errors).toMatchObject({ maxGuests: ["form.integer"] });
    expect(parse(roomSchema, { ...room, minNights: "31" }).errors).toMatchObject({ minNights: ["form.tooBig:30"] });
    expect(parse(roomSchema, { ...room, basePrice: "-5" }).errors).toMatchObject({ basePrice: ["form.price"] });
    expect(parse(roomSchema, { ...room, basePrice: "1e9" }).errors).toMatchObject({ basePrice: ["form.price"] });
    expect(parse(roomSchema, { ...room, weekendPrice: "abc" }).errors).toMatchObject({ weekendPrice: ["form.price"] });
    expect(parse(roomSchema, { ...room, nameZh: "房".repeat(10_000) }).errors).toMatchObject({ nameZh: ["form.tooLong:80"] });
  });
});

const today = "2030-06-10";

describe("rates and blackouts (nights, first and last included)", () => {
  const rate: Fields = { firstNight: "2030-10-01", lastNight: "2030-10-07", price: "588", minNights: "2", labelZh: "国庆" };

  it("one night is first = last, stored as [night, next day)", () => {
    const { submission } = parse(rateSchema(today), { ...rate, lastNight: "2030-10-01" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(nightsToRange(submission.value)).toEqual({ startDate: "2030-10-01", endDate: "2030-10-02" });
    expect(submission.value.price).toBe(58800);
  });

  it("a last night before the first, a date that does not exist and a past range are refused", () => {
    expect(parse(rateSchema(today), { ...rate, lastNight: "2030-09-30" }).errors).toEqual({ lastNight: ["listings.error.lastBeforeFirst"] });
    expect(parse(rateSchema(today), { ...rate, firstNight: "2030-02-30" }).errors).toMatchObject({ firstNight: ["form.date"] });
    expect(parse(rateSchema(today), { ...rate, firstNight: "1 Oct" }).errors).toEqual({ firstNight: ["form.date"] });
    expect(parse(rateSchema(today), { ...rate, firstNight: "2030-06-11", lastNight: "2031-06-11" }).submission.status).toBe("success");
    expect(parse(rateSchema(today), { ...rate, firstNight: "2030-06-01", lastNight: "2030-06-09" }).errors).toEqual({
      lastNight: ["listings.error.pastRange"],
    });
    // Started already but still running: fine.
    expect(parse(rateSchema(today), { ...rate, firstNight: "2030-06-01", lastNight: "2030-06-10" }).submission.status).toBe("success");
    expect(parse(rateSchema(today), { ...rate, firstNight: "2030-06-11", lastNight: "2031-06-12" }).errors).toEqual({
      lastNight: ["listings.error.rangeTooLong:366"],
    });
    expect(parse(rateSchema(today), { ...rate, firstNight: "2039-01-01", lastNight: "2039-01-02" }).errors).toEqual({
      lastNight: ["listings.error.tooFarAhead"],
    });
    expect(parse(rateSchema(today), { ...rate, price: "-1", minNights: "0" }).errors).toMatchObject({
      price: ["form.price"],
      minNights: ["form.tooSmall:1"],
    });
  });

  it("a blackout takes the same nights and an optional reason", () => {
    const { submission } = parse(blackoutSchema(today), { firstNight: "2030-07-01", lastNight: "2030-07-03" });
    expect(submission.status === "success" && { ...nightsToRange(submission.value), reason: submission.value.reason }).toEqual({
      startDate: "2030-07-01",
      endDate: "2030-07-04",
      reason: "",
    });
    expect(parse(blackoutSchema(today), { firstNight: "2030-07-01", lastNight: "2030-07-03", reason: "x".repeat(201) }).errors).toMatchObject({
      reason: ["form.tooLong:200"],
    });
  });
});

const experience: Fields = { titleZh: "明前采茶", villageId: "3", durationMinutes: "150", price: "128", minPeople: "1", maxPeople: "12", status: "draft" };

describe("experience form", () => {
  it("accepts an experience", () => {
    const { submission } = parse(experienceSchema, experience);
    expect(submission.status === "success" && submission.value).toMatchObject({ durationMinutes: 150, price: 12800, maxPeople: 12 });
  });

  it("keeps durations and groups sensible", () => {
    expect(parse(experienceSchema, { ...experience, durationMinutes: "10" }).errors).toMatchObject({ durationMinutes: ["form.tooSmall:15"] });
    expect(parse(experienceSchema, { ...experience, durationMinutes: "1441" }).errors).toMatchObject({ durationMinutes: ["form.tooBig:1440"] });
    expect(parse(experienceSchema, { ...experience, minPeople: "6", maxPeople: "4" }).errors).toEqual({ maxPeople: ["listings.error.maxBelowMin"] });
    expect(parse(experienceSchema, { ...experience, price: "free" }).errors).toMatchObject({ price: ["form.price"] });
  });
});

describe("slot forms", () => {
  it("one slot: a real date, a 24-hour time, seats", () => {
    expect(parse(addSlotSchema, { date: "2030-06-01", time: "9:00", capacity: "12" }).submission.status).toBe("success");
    expect(parse(addSlotSchema, { date: "2030-02-30", time: "25:00", capacity: "-1" }).errors).toEqual({
      date: ["form.date"],
      time: ["listings.error.time"],
      capacity: ["form.tooSmall:1"],
    });
  });

  it("a tampered slot id matches nothing (0) rather than failing the form", () => {
    const ok = parse(slotCapacitySchema, { slotId: "42", capacity: "8" }).submission;
    expect(ok.status === "success" && ok.value).toEqual({ slotId: 42, capacity: 8 });
    for (const bad of ["abc", "-1", "0", "1e3", "99999999999"]) {
      const s = parse(deleteSlotSchema, { slotId: bad }).submission;
      expect(s.status === "success" && s.value.slotId, bad).toBe(0);
    }
    expect(parse(deleteSlotSchema, {}).errors).toEqual({ slotId: ["form.required"] });
  });

  const schedule: Fields = { startDate: "2030-06-01", weeks: "8", weekdays: ["6", "7"], times: "09:00, 14:00", capacity: "12" };

  it("the acceptance example parses to 8 weeks of Saturdays and Sundays", () => {
    const { submission } = parse(scheduleSchema, schedule);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ weekdays: [6, 7], times: ["09:00", "14:00"], capacity: 12 });
    expect(scheduleSpec(submission.value)).toEqual({ startDate: "2030-06-01", endDate: "2030-07-26", weekdays: [6, 7], times: ["09:00", "14:00"] });
  });

  it("an end date instead of weeks; one of the two, not both, not neither", () => {
    const { weeks: _w, ...noWeeks } = schedule;
    expect(parse(scheduleSchema, { ...noWeeks, endDate: "2030-06-30" }).submission.status).toBe("success");
    expect(parse(scheduleSchema, noWeeks).errors).toEqual({ weeks: ["listings.error.weeksOrEnd"] });
    expect(parse(scheduleSchema, { ...schedule, endDate: "2030-06-30" }).errors).toEqual({ endDate: ["listings.error.weeksAndEnd"] });
    expect(parse(scheduleSchema, { ...noWeeks, endDate: "2030-05-30" }).errors).toEqual({ endDate: ["listings.error.endBeforeStart"] });
    expect(parse(scheduleSchema, { ...noWeeks, endDate: "2031-06-30" }).errors).toEqual({ endDate: ["listings.error.scheduleTooLong:26"] });
    expect(parse(scheduleSchema, { ...schedule, weeks: "27" }).errors).toMatchObject({ weeks: ["form.tooBig:26"] });
  });

  it("garbage weekdays and times are refused", () => {
    expect(parse(scheduleSchema, { ...schedule, weekdays: Array(1000).fill("6") }).errors).toMatchObject({ weekdays: ["form.tooMany:7"] });
    expect(parse(scheduleSchema, { ...schedule, weekdays: ["8"] }).errors).toMatchObject({ "weekdays[0]": ["form.choice"] });
    expect(parse(scheduleSchema, { ...schedule, weekdays: [] }).errors).toMatchObject({ weekdays: ["form.chooseOne"] });
    expect(parse(scheduleSchema, { ...schedule, times: "25:00" }).errors).toMatchObject({ times: ["listings.error.times:12"] });
    expect(parse(scheduleSchema, { ...schedule, times: "9:00,".repeat(1000) }).errors).toMatchObject({ times: ["form.tooLong:84"] });
  });

  it("more than 500 slots in one go is refused for the whole form", () => {
    const { errors } = parse(scheduleSchema, { ...schedule, weeks: "26", weekdays: ["1", "2", "3", "4", "5", "6", "7"], times: "08:00, 12:00, 16:00" });
    expect(errors).toEqual({ "": ["listings.error.tooManySlots:500"] });
  });
});

describe("helpers", () => {
  it("slugs come from the Chinese title in pinyin, else the English one", () => {
    expect(slugify("竹林小院", "Bamboo")).toBe("zhu-lin-xiao-yuan");
    expect(slugify("绿水青山·山居 2号")).toBe("lv-shui-qing-shan-shan-ju-2-hao");
    expect(slugify("！！！", "Tea-picking Morning")).toBe("tea-picking-morning");
    expect(slugify("！！！")).toBe("");
    expect(slugify("茶".repeat(100)).length).toBeLessThanOrEqual(60);
    expect(slugify("茶".repeat(100))).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("route ids are positive whole numbers, anything else is not found", () => {
    expect(parseRouteId("12")).toBe(12);
    for (const bad of [undefined, "", "0", "-3", "abc", "1.5", "12abc", "9999999999"]) expect(parseRouteId(bad), String(bad)).toBeNull();
  });

  it("prices go back into the form as yuan", () => {
    expect(fenToYuanText(38850)).toBe("388.50");
    expect(fenToYuanText(5)).toBe("0.05");
    expect(fenToYuanText(null)).toBe("");
  });

  it("every message key the schemas use exists in both languages", () => {
    const keys = ["listings.error.time", "listings.error.lastBeforeFirst", "listings.error.pastRange", "listings.error.rangeTooLong",
      "listings.error.tooFarAhead", "listings.error.maxBelowMin", "listings.error.times", "listings.error.weeksOrEnd",
      "listings.error.weeksAndEnd", "listings.error.endBeforeStart", "listings.error.scheduleTooLong", "listings.error.tooManySlots"];
    for (const key of keys) {
      expect(messages["zh-CN"][key as keyof (typeof messages)["zh-CN"]], key).toBeTruthy();
      expect(messages.en[key as keyof (typeof messages)["en"]], key).toBeTruthy();
    }
  });
});
