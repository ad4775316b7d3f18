CREATE TABLE `run_variants` (
	`run_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`node` text NOT NULL,
	`variant` text NOT NULL,
	`at` integer NOT NULL,
	`goal_floor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `node`)
);
--> statement-breakpoint
CREATE INDEX `run_variants_funnel` ON `run_variants` (`funnel_id`,`node`);--> statement-breakpoint
-- the variants runs took before this table existed, from their journals (the split nodes of their
-- versions); goals of the very same millisecond count for them (goal_floor 0): which came first is not stored
INSERT OR IGNORE INTO `run_variants` (`run_id`, `funnel_id`, `node`, `variant`, `at`)
SELECT j.`run_id`, r.`funnel_id`, json_extract(e.value, '$.node'), json_extract(e.value, '$.exit'), json_extract(e.value, '$.at')
FROM `journal` j
JOIN `runs` r ON r.`id` = j.`run_id`
JOIN `funnel_versions` v ON v.`funnel_id` = r.`funnel_id` AND v.`version` = r.`version`
JOIN json_each(j.`entries`) e
WHERE json_extract(e.value, '$.kind') = 'left'
  AND json_extract(e.value, '$.exit') IS NOT NULL
  AND EXISTS (SELECT 1 FROM json_each(v.`definition`, '$.nodes') n WHERE json_extract(n.value, '$.id') = json_extract(e.value, '$.node') AND json_extract(n.value, '$.type') = 'split')
ORDER BY j.`id`;
