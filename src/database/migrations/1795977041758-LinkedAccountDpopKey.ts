import type { MigrationInterface, QueryRunner } from "typeorm";

export class LinkedAccountDpopKey1795977041758 implements MigrationInterface {
    name = 'LinkedAccountDpopKey1795977041758'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "linked_accounts" ADD "dpop_key_ciphertext" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "linked_accounts" DROP COLUMN "dpop_key_ciphertext"`);
    }

}
