DROP TABLE slot_bookings;
DROP TABLE slot_places;
ALTER TABLE contracts DROP COLUMN delivery_slots;
