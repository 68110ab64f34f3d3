import { Catch, Inject, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemFilter } from '../../common/errors/problem.filter.js';
import { toProblem } from '../../common/errors/problem.mapper.js';
import { requestIdOf } from '../../common/http/request-id.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { nativeLoginRequest } from '../native/native-login-request.js';
import type { CallbackResult } from '../passport/callback-result.js';
import type { RequestWithTransaction } from '../passport/transaction-state-store.js';
import { clearLoginCookie, readLoginCookie } from './login-binding-cookie.js';
import { failureLocation } from './login-error-redirect.js';
import type { LoginTransaction } from './login-transaction.js';
import { LoginTransactionStore, sha256 } from './login-transaction.store.js';
import { safeReturnTo } from './return-to.js';

type LoginRequest = RequestWithTransaction & { user?: CallbackResult };

/** A browser loading a page prefers HTML (`Accept: text/html,...`); scripts and API clients (any type, JSON) get problem+json. */
function isPageNavigation(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}
type Destination = Pick<LoginTransaction, 'returnTo' | 'native'>;

/**
 * Errors of the login and callback legs are seen by a person in a browser (or a
 * phone's system browser), not by code: a page navigation (it prefers HTML) goes back to the app with
 * `error=<code>&requestId=<id>` instead of ending on a JSON page. When nowhere safe is
 * known (no transaction of this browser, no explicit returnTo, an invalid native
 * request), the answer stays problem+json, as it does for every API call.
 */
@Catch()
@Injectable()
export class LoginErrorRedirectFilter implements ExceptionFilter {
  private readonly logger = new Logger('LoginErrorRedirect');
  private readonly problems = new ProblemFilter();

  constructor(
    @Inject(LoginTransactionStore) private readonly transactions: LoginTransactionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<LoginRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const destination = res.headersSent || !isPageNavigation(req) ? undefined : await this.destinationOf(req).catch(() => undefined);
    if (!destination) return this.problems.catch(error, host);

    const requestId = requestIdOf(req);
    const { problem, unexpected } = toProblem(error, requestId, { routeMatched: true, method: req.method, path: req.path });
    if (unexpected) this.logger.error({ err: error, requestId }, 'unhandled error');
    else this.logger.warn({ requestId, code: problem.code, status: problem.status }, 'login failed; sent back to the app');
    // A consumed transaction's cookie is dead; one only peeked at stays, so a forged error
    // navigation cannot cancel the login this browser still has in flight.
    if (req.loginTransaction ?? req.user?.transaction) clearLoginCookie(res, this.config);
    res.redirect(302, failureLocation(destination, { code: problem.code, requestId }, this.errorPage(destination)));
  }

  private errorPage(destination: Destination): string | undefined {
    const page = this.config.sessions.loginErrorUrl;
    return page && !destination.native ? safeReturnTo(page, this.config.sessions.appOrigins) : undefined;
  }

  private async destinationOf(req: LoginRequest): Promise<Destination | undefined> {
    const known = req.loginTransaction ?? req.user?.transaction;
    if (known) return known;
    if (req.path.endsWith('/callback')) return this.transactionOfThisBrowser(req);
    return this.loginLegDestination(req);
  }

  /** Before the state check consumed it: the transaction named by this browser's binding cookie, left in place. */
  private async transactionOfThisBrowser(req: Request): Promise<Destination | undefined> {
    let cookie: ReturnType<typeof readLoginCookie>;
    try {
      cookie = readLoginCookie(req, this.config);
    } catch {
      return undefined;
    }
    if (!cookie) return undefined;
    const transaction = await this.transactions.peek(cookie.state);
    return transaction && transaction.bindingHash === sha256(cookie.binding) ? transaction : undefined;
  }

  /** The login leg failed before a transaction existed: only an explicit, safe destination counts. */
  private loginLegDestination(req: Request): Destination | undefined {
    const query = req.query as Record<string, unknown>;
    if (query.client !== undefined) {
      try {
        const native = nativeLoginRequest(query, this.config);
        return native ? { returnTo: '/', native } : undefined;
      } catch {
        return undefined;
      }
    }
    if (typeof query.returnTo !== 'string') return undefined;
    return { returnTo: safeReturnTo(query.returnTo, this.config.sessions.appOrigins) };
  }
}
