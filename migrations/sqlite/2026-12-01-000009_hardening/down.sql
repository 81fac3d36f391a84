DROP TABLE driver_sightings;
DROP INDEX disputes_one_open_per_attempt;
