import { Inject, Injectable, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CallbackRefusal } from './callback-result.js';
import { ProviderStrategies } from './provider-strategies.js';

/** Passport wraps adapter errors; the typed error inside says what happened. */
function unwrap(error: unknown): unknown {
  const inner = (error as { oauthError?: unknown })?.oauthError;
  return inner instanceof Error ? inner : error;
}

const isNonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * The strategy tells the legs apart by the presence of `code`, so the route must
 * agree: a callback without `code` or `error` would otherwise start a new login
 * (and overwrite the browser's binding cookie for the one in flight), and a login
 * URL carrying `code` would be processed as a callback.
 */
function checkLeg(req: Request): void {
  const query = req.query as Record<string, unknown>;
  const isCallback = req.path.endsWith('/callback');
  // Passport reads an empty `code` or `error` as absent and would start a login, so only non-empty ones answer.
  const answered = isNonEmpty(query.code) || isNonEmpty(query.error);
  const carriesAnswer = query.code !== undefined || query.error !== undefined;
  if (isCallback ? !answered : carriesAnswer) {
    throw new DomainError('login_response_invalid', 400, isCallback ? 'The callback carries neither a code nor an error.' : 'A login request cannot carry an authorization response.');
  }
}

/**
 * Runs the provider's passport strategy for `/v1/auth/:provider/login|callback`.
 * On the login leg the strategy answers the redirect itself; on the callback leg
 * the result lands in `req.user` for the controller.
 */
@Injectable()
export class ProviderAuthGuard implements CanActivate {
  private readonly guards = new Map<string, IAuthGuard>();

  constructor(@Inject(ProviderStrategies) private readonly strategies: ProviderStrategies) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const name = this.strategies.strategyName(String(req.params.provider));
    checkLeg(req);
    return this.guardFor(name).canActivate(context) as Promise<boolean>;
  }

  private guardFor(name: string): IAuthGuard {
    let guard = this.guards.get(name);
    if (!guard) {
      const Base = AuthGuard(name) as Type<IAuthGuard>;
      class StrategyGuard extends Base {
        handleRequest<T>(error: unknown, user: T, info: unknown): T {
          if (error) throw unwrap(error);
          if (!user) {
            const refusal = info as Partial<CallbackRefusal> | undefined;
            throw new DomainError(refusal?.code ?? 'login_failed', 400, refusal?.message ?? 'The login could not be completed.');
          }
          return user;
        }
      }
      guard = new StrategyGuard({ session: false });
      this.guards.set(name, guard);
    }
    return guard;
  }
}
