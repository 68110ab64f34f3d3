import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { LinkedAccountEntity } from '../tokens/linked-account.entity.js';
import { UsageDailyEntity } from '../usage/metering/usage-daily.entity.js';
import { UsageEventEntity } from '../usage/metering/usage-event.entity.js';
import { ClientApplicationEntity } from '../clients/registry/client-application.entity.js';

/** Every entity the data source knows; new concerns add theirs here. */
export const entities = [UserEntity, AuditEventEntity, LinkedAccountEntity, UsageEventEntity, UsageDailyEntity, ClientApplicationEntity];
