import { registerDecorator, type ValidationOptions } from 'class-validator';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A redirect URI a client may register: absolute, https (http only on a loopback
 * host, RFC 8252 §7.3), no credentials, no fragment, no control characters. Refuses
 * `javascript:`, `data:` and every other scheme.
 */
export function isAcceptableRedirectUri(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000 || /[\p{Cc}\s]/u.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export function IsRedirectUri(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRedirectUri',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'each redirect URI must be an absolute https URL (http only for loopback), without credentials or fragment', ...options },
      validator: { validate: isAcceptableRedirectUri },
    });
}
