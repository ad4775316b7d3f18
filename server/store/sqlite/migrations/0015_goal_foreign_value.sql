ALTER TABLE `goals` ADD `foreign_amount` real;--> statement-breakpoint
ALTER TABLE `goals` ADD `foreign_currency` text;