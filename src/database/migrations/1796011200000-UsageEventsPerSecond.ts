import type { MigrationInterface, QueryRunner } from "typeorm";

// usage_events rows count the calls of one second and key (docs/usage.md) instead of
// one call each. Only metadata changes, so it is quick on a table of any size and
// takes no long lock: a column with a constant default is not written row by row, and
// nothing is backfilled. Rows written before it (and by a replica still running the
// previous release during a rolling deploy) count one call (`calls` defaults to 1),
// keep that call's duration in `duration_ms` and leave `duration_ms_sum` NULL.
export class UsageEventsPerSecond1796011200000 implements MigrationInterface {
    name = 'UsageEventsPerSecond1796011200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "usage_events" ADD "calls" integer NOT NULL DEFAULT 1`);
        await queryRunner.query(`ALTER TABLE "usage_events" ADD "duration_ms_sum" bigint`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Rows of several calls cannot be split back: after this each counts as one call.
        await queryRunner.query(`ALTER TABLE "usage_events" DROP COLUMN "duration_ms_sum"`);
        await queryRunner.query(`ALTER TABLE "usage_events" DROP COLUMN "calls"`);
    }

}
