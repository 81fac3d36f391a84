DROP TABLE kpi_against;
