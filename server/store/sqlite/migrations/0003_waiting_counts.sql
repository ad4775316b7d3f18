-- How many runs wait at each node is kept in node_counts (kind `waiting`), changed by each step in
-- memory and written at its commit, so the stats read a few rows instead of counting every waiting
-- run, and a step no longer moves an index entry when its run changes node or status. Runs are
-- listed per funnel by start time instead.
INSERT INTO `node_counts` (`funnel_id`, `node`, `kind`, `exit`, `n`)
	SELECT `funnel_id`, `node`, 'waiting', '', count(*) FROM `runs`
	WHERE `status` = 'waiting' AND `node` IS NOT NULL
	GROUP BY `funnel_id`, `node`;
--> statement-breakpoint
DROP INDEX `runs_funnel_status`;--> statement-breakpoint
CREATE INDEX `runs_funnel_started` ON `runs` (`funnel_id`,`started_at`);
