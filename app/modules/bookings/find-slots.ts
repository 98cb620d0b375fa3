// Whether a traveller can still book an experience slot: bookings close `booking_cutoff_minutes`
// before the start (the host's setting), and a slot with fewer seats left than the smallest group
// is full. Client-safe, pure; `now` is passed in.

export type SlotState = "open" | "closed" | "full";

/** The instant bookings of a slot close. */
export function slotClosesAt(startsAt: Date | string, cutoffMinutes: number): Date {
  return new Date(new Date(startsAt).getTime() - cutoffMinutes * 60_000);
}

/** Closed once the cutoff has passed (or the slot started); otherwise full when the smallest group no longer fits. */
export function slotState(
  slot: { startsAt: Date | string; seatsLeft: number },
  { now, cutoffMinutes, minPeople }: { now: Date; cutoffMinutes: number; minPeople: number },
): SlotState {
  if (now.getTime() >= slotClosesAt(slot.startsAt, cutoffMinutes).getTime()) return "closed";
  if (slot.seatsLeft < Math.max(1, minPeople)) return "full";
  return "open";
}

/** The group sizes a traveller may choose for an open slot: the experience's limits within the seats left. */
export function peopleChoices(slot: { seatsLeft: number }, experience: { minPeople: number; maxPeople: number }): number[] {
  const min = Math.max(1, experience.minPeople);
  const max = Math.min(experience.maxPeople, slot.seatsLeft);
  return max >= min ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : [];
}
