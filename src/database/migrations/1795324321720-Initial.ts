import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795324321720 implements MigrationInterface {
    name = 'Initial1795324321720'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(64) NOT NULL, "target_id" character varying(200), "outcome" character varying(16) NOT NULL, "ip" character varying(64), "user_agent" character varying(512), "request_id" character varying(64), "details" jsonb NOT NULL, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_audit_events_action_time" ON "audit_events"  ("action", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_events_actor_time" ON "audit_events"  ("actor_user_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" character varying(200) NOT NULL, "email" character varying(320), "roles" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP INDEX "idx_audit_events_actor_time"`);
        await queryRunner.query(`DROP INDEX "idx_audit_events_action_time"`);
        await queryRunner.query(`DROP TABLE "audit_events"`);
    }

}
