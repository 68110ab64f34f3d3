import type { MigrationInterface, QueryRunner } from "typeorm";

export class LinkedAccounts1795325934635 implements MigrationInterface {
    name = 'LinkedAccounts1795325934635'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "linked_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "provider" character varying(64) NOT NULL, "subject" character varying(255) NOT NULL, "scopes" text array NOT NULL, "grant_type" character varying(32) NOT NULL, "access_token_ciphertext" text NOT NULL, "refresh_token_ciphertext" text, "key_id" character varying(32) NOT NULL, "access_expires_at" TIMESTAMP WITH TIME ZONE, "refresh_expires_at" TIMESTAMP WITH TIME ZONE, "status" character varying(16) NOT NULL, "extra" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_linked_accounts_provider_subject" UNIQUE ("provider", "subject"), CONSTRAINT "PK_445bf7a50aeeb7f0084052935a6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_linked_accounts_user" ON "linked_accounts"  ("user_id") `);
        await queryRunner.query(`ALTER TABLE "linked_accounts" ADD CONSTRAINT "fk_linked_accounts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "linked_accounts" DROP CONSTRAINT "fk_linked_accounts_user"`);
        await queryRunner.query(`DROP INDEX "idx_linked_accounts_user"`);
        await queryRunner.query(`DROP TABLE "linked_accounts"`);
    }

}
