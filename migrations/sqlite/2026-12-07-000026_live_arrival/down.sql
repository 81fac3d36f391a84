ALTER TABLE orgs DROP COLUMN average_speed_kmh;
DROP TABLE driver_positions;
