import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminSessionsController } from './admin-sessions.controller.js';
import { CsrfGuard } from './csrf.guard.js';
import { NoStoreMiddleware } from './no-store.middleware.js';
import { RolesGuard } from './roles.guard.js';
import { SessionAudit } from './session-audit.js';
import { SESSION_CLOCK, systemClock } from './session-clock.js';
import { SessionCookie } from './session-cookie.js';
import { SessionGuard } from './session.guard.js';
import { SessionService } from './session.service.js';
import { SessionsController } from './sessions.controller.js';

/**
 * Sessions, the session cookie, and the three global guards. Nest runs APP_GUARDs in
 * registration order: who you are (SessionGuard), then CSRF, then roles.
 */
@Module({
  controllers: [SessionsController, AdminSessionsController],
  providers: [
    { provide: SESSION_CLOCK, useValue: systemClock },
    SessionService,
    SessionCookie,
    SessionAudit,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SessionService, SessionCookie],
})
export class SessionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(NoStoreMiddleware).forRoutes('*path');
  }
}
