DROP TABLE kpi_shipments;
