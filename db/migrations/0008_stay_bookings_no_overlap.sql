-- No double booking: a room's held and confirmed bookings never share a night. Nights are
-- [check_in, check_out), so a check-out day may be the next guest's check-in day.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD CONSTRAINT "stay_bookings_no_overlap"
  EXCLUDE USING gist ("unit_id" WITH =, daterange("check_in", "check_out", '[)') WITH &&)
  WHERE ("status" IN ('held', 'confirmed'));
