import type { MigrationInterface, QueryRunner } from "typeorm";

export class ClientApplications1795967272960 implements MigrationInterface {
    name = 'ClientApplications1795967272960'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "client_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" character varying(64) NOT NULL, "upstream_client_id" character varying(255) NOT NULL, "owner_user_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "facts" jsonb NOT NULL, "registration_token_ciphertext" text, "registration_client_uri" text, "key_id" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_client_applications_provider_client" UNIQUE ("provider", "upstream_client_id"), CONSTRAINT "PK_84b865da4b5ec8d9596c98b0696" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_client_applications_owner" ON "client_applications"  ("owner_user_id", "provider") `);
        await queryRunner.query(`ALTER TABLE "client_applications" ADD CONSTRAINT "fk_client_applications_owner" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "client_applications" DROP CONSTRAINT "fk_client_applications_owner"`);
        await queryRunner.query(`DROP INDEX "idx_client_applications_owner"`);
        await queryRunner.query(`DROP TABLE "client_applications"`);
    }

}
