import type { MigrationInterface, QueryRunner } from "typeorm";

// usage_events leads its primary key with occurred_at so it can be turned into a table
// partitioned by day (PARTITION BY RANGE (occurred_at)) without changing the key.
export class UsageMetering1795966209775 implements MigrationInterface {
    name = 'UsageMetering1795966209775'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "usage_events" ("occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "id" BIGSERIAL NOT NULL, "provider" character varying(64) NOT NULL, "user_id" uuid, "session_kind" character varying(16) NOT NULL, "route_template" character varying(512) NOT NULL, "method" character varying(16) NOT NULL, "status" smallint NOT NULL, "status_class" character varying(4) NOT NULL, "outcome" character varying(16) NOT NULL, "duration_ms" integer NOT NULL, "bytes_in" bigint NOT NULL, "bytes_out" bigint NOT NULL, CONSTRAINT "PK_199d0922fcce1df13bc906cc372" PRIMARY KEY ("occurred_at", "id"))`);
        await queryRunner.query(`CREATE INDEX "idx_usage_events_provider_time" ON "usage_events"  ("provider", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "idx_usage_events_user_time" ON "usage_events"  ("user_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "usage_daily" ("day" date NOT NULL, "provider" character varying(64) NOT NULL, "route_template" character varying(512) NOT NULL, "method" character varying(16) NOT NULL, "status_class" character varying(4) NOT NULL, "count" integer NOT NULL, "error_count" integer NOT NULL, "latency_sum_ms" bigint NOT NULL, "latency_histogram" integer array NOT NULL, CONSTRAINT "PK_ff90bbec027b6b2063f63291a64" PRIMARY KEY ("day", "provider", "route_template", "method", "status_class"))`);
        await queryRunner.query(`CREATE INDEX "idx_usage_daily_provider_day" ON "usage_daily"  ("provider", "day") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_usage_daily_provider_day"`);
        await queryRunner.query(`DROP TABLE "usage_daily"`);
        await queryRunner.query(`DROP INDEX "idx_usage_events_user_time"`);
        await queryRunner.query(`DROP INDEX "idx_usage_events_provider_time"`);
        await queryRunner.query(`DROP TABLE "usage_events"`);
    }

}
