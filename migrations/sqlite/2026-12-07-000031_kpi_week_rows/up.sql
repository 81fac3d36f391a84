-- Week rows (issue 30): beside each key's day rows, `day` = 'W' and the week's Monday, the sum
-- of the key's days of that week (a driver's, or a rollup shard's). The door writes them in
-- the same statement as the day rows from now on; this fills them for the days kept so far. A
-- sum over 90 days then reads 13 week rows a key and the days at the edges instead of 90 rows.
INSERT INTO kpi_daily (org_id, day, marketplace_id, driver_id,
    attempts, verified_attempts, contacted_attempts, early_attempts, upheld_disputes,
    first_attempts, first_attempt_successes, on_time, on_time_due, late_excused,
    handover_on_time, handover_due, ended, lost, handoffs, custody_gaps, ratings, stars_sum,
    stars_1, stars_2, stars_3, stars_4, stars_5, ratings_excluded, ratings_reattributed,
    tag_on_time, tag_friendly, tag_careful, tag_called_ahead, tag_good_placement, tag_late,
    tag_early_without_notice, tag_false_not_home, tag_rude, tag_damaged, tag_thrown,
    tag_wrong_place, tag_no_call, redeliveries, redeliveries_in_window)
SELECT org_id, 'W' || date(day, '-6 days', 'weekday 1'), marketplace_id, driver_id,
    sum(attempts), sum(verified_attempts), sum(contacted_attempts), sum(early_attempts),
    sum(upheld_disputes), sum(first_attempts), sum(first_attempt_successes), sum(on_time),
    sum(on_time_due), sum(late_excused), sum(handover_on_time), sum(handover_due), sum(ended),
    sum(lost), sum(handoffs), sum(custody_gaps), sum(ratings), sum(stars_sum), sum(stars_1),
    sum(stars_2), sum(stars_3), sum(stars_4), sum(stars_5), sum(ratings_excluded),
    sum(ratings_reattributed), sum(tag_on_time), sum(tag_friendly), sum(tag_careful),
    sum(tag_called_ahead), sum(tag_good_placement), sum(tag_late),
    sum(tag_early_without_notice), sum(tag_false_not_home), sum(tag_rude), sum(tag_damaged),
    sum(tag_thrown), sum(tag_wrong_place), sum(tag_no_call), sum(redeliveries),
    sum(redeliveries_in_window)
FROM kpi_daily
WHERE day < 'W'
GROUP BY org_id, 'W' || date(day, '-6 days', 'weekday 1'), marketplace_id, driver_id;
