import type { MigrationInterface, QueryRunner } from "typeorm";

// usage_events rows count the calls of one second and key (docs/usage.md) instead of
// one call each. Rows written before keep their meaning: one call, whose duration is
// both the sum and the maximum.
export class UsageEventsPerSecond1796011200000 implements MigrationInterface {
    name = 'UsageEventsPerSecond1796011200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "usage_events" ADD "calls" integer NOT NULL DEFAULT 1`);
        await queryRunner.query(`ALTER TABLE "usage_events" ALTER COLUMN "calls" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "usage_events" RENAME COLUMN "duration_ms" TO "duration_ms_max"`);
        await queryRunner.query(`ALTER TABLE "usage_events" ADD "duration_ms_sum" bigint`);
        await queryRunner.query(`UPDATE "usage_events" SET "duration_ms_sum" = "duration_ms_max"`);
        await queryRunner.query(`ALTER TABLE "usage_events" ALTER COLUMN "duration_ms_sum" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Rows of several calls cannot be split back: each keeps its slowest call's duration.
        await queryRunner.query(`ALTER TABLE "usage_events" DROP COLUMN "duration_ms_sum"`);
        await queryRunner.query(`ALTER TABLE "usage_events" RENAME COLUMN "duration_ms_max" TO "duration_ms"`);
        await queryRunner.query(`ALTER TABLE "usage_events" DROP COLUMN "calls"`);
    }

}
