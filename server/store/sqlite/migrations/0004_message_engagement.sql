ALTER TABLE `outbox` ADD `opened_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `clicked_at` integer;