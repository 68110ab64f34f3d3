/**
 * The OAuth scope catalog with translated descriptions. The platform localizes
 * by `Accept-Language`; two or more languages let tests see that it matters.
 */
export const SUPPORTED_LANGUAGES = ['en-us', 'de-de', 'fr-fr'] as const;
export type GenesysLanguage = (typeof SUPPORTED_LANGUAGES)[number];

const SCOPES: Record<string, Record<GenesysLanguage, string>> = {
  'users': { 'en-us': 'Manage users', 'de-de': 'Benutzer verwalten', 'fr-fr': 'Gérer les utilisateurs' },
  'users:readonly': { 'en-us': 'View users', 'de-de': 'Benutzer anzeigen', 'fr-fr': 'Afficher les utilisateurs' },
  'oauth': { 'en-us': 'Manage OAuth clients', 'de-de': 'OAuth-Clients verwalten', 'fr-fr': 'Gérer les clients OAuth' },
  'oauth:readonly': { 'en-us': 'View OAuth clients', 'de-de': 'OAuth-Clients anzeigen', 'fr-fr': 'Afficher les clients OAuth' },
  'usage:readonly': { 'en-us': 'View API usage', 'de-de': 'API-Nutzung anzeigen', 'fr-fr': "Afficher l'utilisation de l'API" },
  'analytics:readonly': { 'en-us': 'View analytics', 'de-de': 'Analysen anzeigen', 'fr-fr': 'Afficher les analyses' },
};

/**
 * The first supported language of an Accept-Language header (`de-DE,de;q=0.9`),
 * matched case-insensitively, with a bare language (`fr`) mapped to its region;
 * anything else falls back to the documented default `en-us`.
 */
export function negotiateLanguage(header: string | undefined): GenesysLanguage {
  const ranges = (header ?? '')
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .filter(Boolean);
  for (const range of ranges) {
    const exact = SUPPORTED_LANGUAGES.find((l) => l === range);
    if (exact) return exact;
    const byPrefix = SUPPORTED_LANGUAGES.find((l) => l.split('-')[0] === range.split('-')[0]);
    if (byPrefix) return byPrefix;
  }
  return 'en-us';
}

export interface OAuthScope {
  id: string;
  description: string;
  selfUri: string;
}

export function listScopes(language: GenesysLanguage): OAuthScope[] {
  return Object.keys(SCOPES).map((id) => scopeEntity(id, language)!);
}

export function scopeEntity(id: string, language: GenesysLanguage): OAuthScope | undefined {
  const descriptions = SCOPES[id];
  if (!descriptions) return undefined;
  return { id, description: descriptions[language], selfUri: `/api/v2/oauth/scopes/${encodeURIComponent(id)}` };
}
