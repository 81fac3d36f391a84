DELETE FROM kpi_daily WHERE day >= 'W';
