import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SandboxContext } from '../../core/contract.js';
import { bodyOf } from '../../core/http.js';
import { bjError } from './errors.js';
import type { BjLocals } from './api.js';
import { BLUEJEANS_SCOPES, type BlueJeansStore } from './store.js';

/**
 * Developer applications (`/v1/user/{user_id}/developer_applications`). The
 * `Application` model is `{appName, description, appLogoUrl, redirectUrls[],
 * clientId, clientSecret}`; the secret is revealed only on create and on
 * secret regeneration. New apps become real clients of the emulator.
 */

interface ApplicationInput {
  appName?: string;
  description?: string;
  appLogoUrl?: string;
  redirectUrls?: string[];
}

function readApplication(body: Record<string, unknown>, requireName: boolean): ApplicationInput | { error: string } {
  const out: ApplicationInput = {};
  for (const field of ['appName', 'description', 'appLogoUrl'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { error: `${field} must be a string` };
    out[field] = value;
  }
  if (requireName && !out.appName?.trim()) return { error: 'appName is required' };
  if (body.redirectUrls !== undefined) {
    const urls = body.redirectUrls;
    if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string' && URL.canParse(u))) {
      return { error: 'redirectUrls must be an array of absolute URLs' };
    }
    out.redirectUrls = urls as string[];
  }
  return out;
}

function present(ctx: SandboxContext, store: BlueJeansStore, clientId: string, withSecret: boolean) {
  const client = ctx.findClient('bluejeans', clientId)!;
  const meta = store.apps.get(clientId)!;
  return {
    appName: client.name,
    description: meta.description,
    appLogoUrl: meta.appLogoUrl,
    redirectUrls: [...client.redirectUris],
    clientId,
    ...(withSecret ? { clientSecret: client.clientSecret } : {}),
  };
}

/** Resolves `:client_id` to an app owned by the path's user, or answers 404. */
function ownedApp(ctx: SandboxContext, store: BlueJeansStore, req: Request, res: Response): string | undefined {
  const { user } = res.locals.bj as BjLocals;
  const clientId = String(req.params.client_id);
  const meta = store.apps.get(clientId);
  if (!meta || meta.ownerUserId !== user.id || !ctx.findClient('bluejeans', clientId)) {
    bjError(res, 404, 'Application not found');
    return undefined;
  }
  return clientId;
}

export function createApplication(ctx: SandboxContext, store: BlueJeansStore) {
  return (req: Request, res: Response): void => {
    const input = readApplication(bodyOf(req), true);
    if ('error' in input) return bjError(res, 400, input.error);
    const { user } = res.locals.bj as BjLocals;
    // 32 hexadecimal characters, like the real client ids.
    const clientId = randomBytes(16).toString('hex');
    ctx.upsertClient({
      provider: 'bluejeans',
      clientId,
      clientSecret: ctx.randomToken(),
      name: input.appName!,
      redirectUris: input.redirectUrls ?? [],
      scopes: BLUEJEANS_SCOPES,
      grants: ['authorization_code', 'refresh_token'],
    });
    store.apps.set(clientId, { ownerUserId: user.id, description: input.description ?? '', appLogoUrl: input.appLogoUrl ?? '' });
    res.status(201).json(present(ctx, store, clientId, true));
  };
}

export function updateApplication(ctx: SandboxContext, store: BlueJeansStore) {
  return (req: Request, res: Response): void => {
    const clientId = ownedApp(ctx, store, req, res);
    if (!clientId) return;
    const input = readApplication(bodyOf(req), false);
    if ('error' in input) return bjError(res, 400, input.error);
    const client = ctx.findClient('bluejeans', clientId)!;
    const meta = store.apps.get(clientId)!;
    ctx.upsertClient({
      ...client,
      name: input.appName?.trim() ? input.appName : client.name,
      redirectUris: input.redirectUrls ?? client.redirectUris,
    });
    store.apps.set(clientId, {
      ...meta,
      description: input.description ?? meta.description,
      appLogoUrl: input.appLogoUrl ?? meta.appLogoUrl,
    });
    res.json(present(ctx, store, clientId, false));
  };
}

/** `PUT .../{client_id}/secret` → `ApplicationSecret {clientId, clientSecret}`; the old secret stops working. */
export function regenerateSecret(ctx: SandboxContext, store: BlueJeansStore) {
  return (req: Request, res: Response): void => {
    const clientId = ownedApp(ctx, store, req, res);
    if (!clientId) return;
    const client = ctx.findClient('bluejeans', clientId)!;
    const clientSecret = ctx.randomToken();
    ctx.upsertClient({ ...client, clientSecret });
    res.json({ clientId, clientSecret });
  };
}
