DROP INDEX shipments_reference_trgm;
