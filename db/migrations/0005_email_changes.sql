CREATE TABLE "email_changes" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"old_email" text NOT NULL,
	"new_email" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_changes" ADD CONSTRAINT "email_changes_token_hash_one_time_tokens_token_hash_fk" FOREIGN KEY ("token_hash") REFERENCES "public"."one_time_tokens"("token_hash") ON DELETE cascade ON UPDATE no action;