import type { DataSource } from 'typeorm';

export interface AuditRow {
  action: string;
  actor_user_id: string | null;
  target_type: string;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

/** The audit rows a request wrote, found by the X-Request-Id the test sent. */
export async function auditRowsFor(db: DataSource, requestId: string): Promise<AuditRow[]> {
  return db.query(
    'SELECT action, actor_user_id, target_type, target_id, outcome, ip, user_agent, request_id, details FROM audit_events WHERE request_id = $1',
    [requestId],
  );
}
