DROP INDEX `outbox_run`;--> statement-breakpoint
CREATE INDEX `outbox_contact` ON `outbox` (`contact_id`,`funnel_id`,`run_id`);