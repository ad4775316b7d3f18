-- The journal becomes one row per engine step (its entries as a JSON array); per-node counts for
-- the stats move to node_counts. Existing journals are converted, nothing is lost.
CREATE TABLE `node_counts` (
	`funnel_id` text NOT NULL,
	`node` text NOT NULL,
	`kind` text NOT NULL,
	`exit` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`funnel_id`, `node`, `kind`, `exit`)
);
--> statement-breakpoint
INSERT INTO `node_counts` (`funnel_id`, `node`, `kind`, `exit`, `n`)
	SELECT `funnel_id`, `node`, `kind`, coalesce(`exit`, ''), count(*) FROM `journal`
	WHERE `node` IS NOT NULL AND (`kind` = 'entered' OR (`kind` = 'left' AND `exit` IS NOT NULL))
	GROUP BY `funnel_id`, `node`, `kind`, coalesce(`exit`, '');
--> statement-breakpoint
CREATE TABLE `journal_new` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`at` integer NOT NULL,
	`entries` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `journal_new` (`run_id`, `at`, `entries`)
	SELECT `run_id`, min(`at`), json_group_array(json_patch(json_object('at', `at`, 'kind', `kind`), json_object('node', `node`, 'exit', `exit`, 'cause', `cause`, 'reason', `reason`)))
	FROM (SELECT * FROM `journal` ORDER BY `run_id`, `id`) GROUP BY `run_id`;
--> statement-breakpoint
DROP TABLE `journal`;
--> statement-breakpoint
ALTER TABLE `journal_new` RENAME TO `journal`;
--> statement-breakpoint
CREATE INDEX `journal_run` ON `journal` (`run_id`,`id`);
--> statement-breakpoint
DROP INDEX `runs_contact_status`;
