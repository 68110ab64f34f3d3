import type { RelayRule } from '../providers/config/provider-config.js';
import { methodNotAllowed, routeNotAllowed } from './relay-errors.js';

// What a `{param}` matches: one whole segment of unreserved characters (RFC 3986), never `.`/`..`.
const PARAM_VALUE = /^(?!\.{1,2}$)[A-Za-z0-9_.~-]+$/;

interface CompiledRule {
  template: string;
  /** Literal segment, or null for a `{param}`. */
  parts: (string | null)[];
  methods: Set<string>;
}

/** The matched rule: its template is what metrics and metering record (never the raw path). */
export interface AllowedRoute {
  template: string;
}

/**
 * A provider's relay allowlist, compiled once. Matching works on decoded segments
 * (see normaliseRelayUrl); literal segments compare exactly (case-sensitive, like
 * upstream paths). HEAD is allowed wherever GET is.
 */
export class RelayAllowlist {
  private readonly rules: CompiledRule[];

  constructor(
    private readonly provider: string,
    rules: RelayRule[],
  ) {
    this.rules = rules.map((rule) => ({
      template: rule.path,
      parts: rule.path.slice(1).split('/').map((part) => (/^\{\w+\}$/.test(part) ? null : part)),
      methods: new Set(rule.methods.map((m) => m.toUpperCase())),
    }));
  }

  /** The rule for `method` on `segments`; 404 when no template matches the path, 405 (with Allow) when only the method is wrong. */
  match(method: string, segments: string[]): AllowedRoute {
    const matching = this.rules.filter((rule) => matches(rule.parts, segments));
    if (!matching.length) throw routeNotAllowed(this.provider);
    const wanted = method.toUpperCase();
    const hit = matching.find((rule) => rule.methods.has(wanted) || (wanted === 'HEAD' && rule.methods.has('GET')));
    if (hit) return { template: hit.template };
    const allow = new Set<string>();
    for (const rule of matching) for (const m of rule.methods) allow.add(m);
    if (allow.has('GET')) allow.add('HEAD');
    throw methodNotAllowed(this.provider, [...allow].sort());
  }
}

function matches(parts: (string | null)[], segments: string[]): boolean {
  if (parts.length !== segments.length) return false;
  return parts.every((part, i) => (part === null ? PARAM_VALUE.test(segments[i]) : part === segments[i]));
}
