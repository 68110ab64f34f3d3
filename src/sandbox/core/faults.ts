import type { Response } from 'express';
import type { FaultOutcome, FaultSpec, SandboxProviderId } from './contract.js';

/** A fault armed through the control API, with its remaining use count. */
export interface ArmedFault extends FaultSpec {
  id: number;
  provider: SandboxProviderId;
  /** A provider route name, or `*` for every route of the provider. */
  route: string;
}

/**
 * Faults keyed by provider and route. An exact route match wins over `*`;
 * faults armed for the same route fire in the order they were armed.
 */
export class FaultRegistry {
  private faults: ArmedFault[] = [];
  private nextId = 1;

  arm(provider: SandboxProviderId, route: string, spec: FaultSpec): ArmedFault {
    const fault: ArmedFault = { ...spec, id: this.nextId++, provider, route };
    this.faults.push(fault);
    return fault;
  }

  take(provider: SandboxProviderId, route: string): FaultSpec | undefined {
    const fault =
      this.faults.find((f) => f.provider === provider && f.route === route) ??
      this.faults.find((f) => f.provider === provider && f.route === '*');
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    const { id: _id, provider: _p, route: _r, ...spec } = fault;
    return spec;
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(provider?: SandboxProviderId): number {
    const before = this.faults.length;
    this.faults = provider ? this.faults.filter((f) => f.provider !== provider) : [];
    return before - this.faults.length;
  }
}



const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The route handler runs now (its work is done at once); only what it sends waits `ms`. */
function delayAnswer(res: Response, ms: number): void {
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => {
    const timer = setTimeout(() => {
      if (!res.destroyed) send(body);
    }, ms);
    // A client that went away gets nothing, and the timer must not keep the sandbox alive.
    res.once('close', () => clearTimeout(timer));
    return res;
  }) as Response['send'];
}

/**
 * Applies a fault to a response: waits out the latency, then drops the
 * connection or answers `status` with the provider's own error body. An
 * `invalidGrant` fault is returned to the caller because only the provider
 * knows what its refresh failure looks like.
 */
export async function applyFault(
  fault: FaultSpec | undefined,
  res: Response,
  errorBody: (status: number) => unknown,
): Promise<FaultOutcome> {
  if (!fault) return 'continue';
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.answerDelayMs) delayAnswer(res, fault.answerDelayMs);
  if (fault.drop) {
    // Mimics a peer reset: the client sees a socket error, never a status.
    res.socket?.destroy();
    return 'answered';
  }
  if (fault.status) {
    if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    else if (fault.status === 429) res.setHeader('Retry-After', '1');
    res.status(fault.status).json(errorBody(fault.status));
    return 'answered';
  }
  return fault.invalidGrant ? 'invalid_grant' : 'continue';
}
