// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit.

export interface paths {
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists audit events, newest first, with keyset paging (`nextCursor`). */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers. Never touches dependencies, so a slow database cannot get it killed. */
        get: operations["live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Postgres and Redis answer and the instance is not draining. */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus exposition format. */
        get: operations["scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists my live sessions, newest first; `current` marks the one making this request. */
        get: operations["listMySessions"];
        put?: never;
        post?: never;
        /** Ends all my sessions except the current one. */
        delete: operations["revokeMyOtherSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends one of my sessions. Ending the current one also clears the cookie (like logout, without upstream revocation). */
        delete: operations["revokeMySession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists a user's live sessions. */
        get: operations["listUserSessions"];
        put?: never;
        post?: never;
        /** Ends every session of a user (the caller's own too, when they target themselves). */
        delete: operations["revokeUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The configured providers and what each can do: for login buttons. Never a client id or secret. */
        get: operations["listProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/native/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Native apps: redeems the hand-off code from the system-browser login
         *     (`/v1/auth/{provider}/login?client=native&redirectUri=&codeChallenge=`) with the
         *     app's PKCE verifier, for a bearer session token. Public: the code and verifier
         *     are the credential.
         */
        post: operations["nativeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Starts the authorization code flow with PKCE (S256): stores a single-use
         *     login transaction, sets a short-lived binding cookie and redirects to the provider.
         *     A logged-in user who logs in with another provider gets it linked to the same user.
         */
        get: operations["login"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finishes the login: checks state, binding cookie, provider and `iss`, exchanges the code, sets the session cookie and redirects to `returnTo`. */
        get: operations["callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user, their linked accounts (never tokens) and the current session. */
        get: operations["me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends this session (or, with `everywhere=true`, all of the user's sessions),
         *     revokes upstream tokens where the provider can, and clears the cookie. A session a
         *     provider's refused refresh already ended logs out too (only what is left of it goes).
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/links/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlinks a provider account from the current user, revoking its tokens upstream where the provider can. */
        delete: operations["unlink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in with the provider's password grant (legacy; RFC 9700 forbids it for new
         *     designs). Sets the session cookie. Requires `X-CSRF: 1` and an allowed `Origin`.
         */
        post: operations["passwordLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/meeting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Joins a BlueJeans meeting with its id and passcode: a session scoped to the
         *     meeting (moderator or attendee, shown in `/v1/auth/me` as `session.context.meeting`)
         *     that ends when the meeting token does. Sets the session cookie. Requires
         *     `X-CSRF: 1` and an allowed `Origin`.
         */
        post: operations["meetingLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/client-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ops only, not a login: obtains (or reads from the cache) the BFF's own
         *     client-credentials token for this provider to confirm the configuration works.
         *     Shows scope and expiry, never the token.
         */
        post: operations["clientCredentialsCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/token-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider's own view of the current user's linked token (scopes, expiry, whose); never the token itself. */
        get: operations["tokenInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/backchannel-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OIDC Back-Channel Logout 1.0: the provider posts a signed `logout_token`; the sessions
         *     that came from that provider session (`sid`) or account (`sub`) end on every instance.
         *     Called by the provider's server, never a browser: no cookie or CSRF header is read.
         */
        post: operations["backchannelLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * RP-initiated logout: ends this session like `POST /v1/auth/logout`, then answers the
         *     provider's end-session URL (with `id_token_hint`) for the app to navigate to. The
         *     provider redirects back to `/v1/auth/{provider}/logout/return`, which lands on `returnTo`.
         */
        post: operations["upstreamLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/{provider}/logout/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider's post-logout redirect: back to the `returnTo` given at logout (`/` for an unknown or used state). */
        get: operations["logoutReturn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api/{provider}/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        get: operations["relayGet"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        put: operations["relayPut"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        post: operations["relayPost"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        delete: operations["relayDelete"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        options: operations["relayOptions"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        head: operations["relayHead"];
        /**
         * Relay a call to the provider's API with the user's token
         * @description Forwards to the provider's API base URL + `path` (+ the query string) if `path` and the method are on the provider's relay allowlist. The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.
         */
        patch: operations["relayPatch"];
        trace?: never;
    };
    "/v1/clients/{provider}/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the scopes clients may request, in the caller's language. */
        get: operations["listScopes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}/scopes/{scopeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reads one scope. */
        get: operations["getScope"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}/authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the client applications the caller has authorized. */
        get: operations["listAuthorizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}/authorizations/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reads the caller's authorization of one client application. */
        get: operations["getAuthorization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists client applications; the BFF's own registry where the provider cannot list (`source: "bff-registry"`). */
        get: operations["listClients"];
        put?: never;
        /** Creates a client application. The secret is in this answer only, once. */
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reads one client application (never its secret). */
        get: operations["getClient"];
        /** Replaces a client application's settings (PUT semantics: omitted optional fields are cleared where the provider does so). */
        put: operations["updateClient"];
        post?: never;
        /** Deletes a client application (and the BFF's record of it, after the provider confirmed). */
        delete: operations["deleteClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{provider}/{clientId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issues a new client secret (the old one stops working). The secret is in this answer only, once. */
        post: operations["regenerateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/local": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ops: relayed calls of everyone, filtered and grouped. */
        get: operations["localUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/local/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own relayed calls (a `userId` parameter is refused). */
        get: operations["myLocalUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/{provider}/clients/{clientId}/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts a usage query for one OAuth client; poll the `Location` it answers with. */
        post: operations["startUsageQuery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/{provider}/clients/{clientId}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starts a usage summary of the last `days` days (asynchronous like a query). */
        get: operations["startUsageSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/{provider}/queries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One poll (or, with `waitSeconds`, polls with backoff): 200 with the results when complete, 202 with `Retry-After` while running. */
        get: operations["readUsageQuery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditEventDto: {
            id: string;
            /** @description ISO 8601 */
            occurredAt: string;
            actorUserId: string | null;
            /** @example client_create */
            action: string;
            targetType: string;
            targetId: string | null;
            /** @enum {string} */
            outcome: "success" | "failure";
            requestId: string | null;
            ip: string | null;
            userAgent: string | null;
            /** @description Redacted when written; never a credential. */
            details: {
                [key: string]: unknown;
            };
        };
        AuditPageDto: {
            /** @description Newest first. */
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as `cursor` for the next (older) page; absent on the last page. */
            nextCursor?: string;
        };
        LivenessDto: {
            /**
             * @description Always `ok` while the process can answer.
             * @enum {string}
             */
            status: "ok";
        };
        ReadinessChecksDto: {
            /** @enum {string} */
            database: "up" | "down";
            /** @enum {string} */
            redis: "up" | "down";
            /** @enum {string} */
            shutdown: "running" | "draining";
        };
        ReadinessDto: {
            /** @enum {string} */
            status: "ready";
            checks: components["schemas"]["ReadinessChecksDto"];
        };
        SessionDto: {
            /** @description Public session id (never the token); use it with DELETE /v1/sessions/{id}. */
            id: string;
            /**
             * @description `web` (cookie) or `native` (bearer).
             * @enum {string}
             */
            kind: "web" | "native";
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last activity, recorded with at most one minute of lag.
             */
            lastSeenAt: string;
            /**
             * Format: date-time
             * @description Absolute expiry: the session ends then whatever the activity.
             */
            expiresAt: string;
            userAgent?: string;
            ip?: string;
            /** @description True for the session that made this request. */
            current: boolean;
        };
        SessionListDto: {
            sessions: components["schemas"]["SessionDto"][];
        };
        RevokedCountDto: {
            /** @description How many sessions were ended. */
            revoked: number;
        };
        ProviderCapabilitiesDto: {
            /** @description The authorize step uses PKCE S256. */
            pkce: boolean;
            /** @description The provider echoes `state` on the redirect (Cal.com does not). */
            echoesState: boolean;
            /** @description The provider sends `iss` on the authorization response (RFC 9207). */
            issParameter: boolean;
            /** @description Linked tokens can be refreshed. */
            refresh: boolean;
            /** @description Refresh tokens rotate on use. */
            rotatesRefreshTokens: boolean;
            /** @description Logout and unlink revoke the tokens upstream. */
            revoke: boolean;
            /** @description `GET /v1/auth/{provider}/token-info` can ask the provider about the linked token. */
            tokenInfo: boolean;
            /** @description The legacy password grant is enabled for this provider. */
            passwordGrant: boolean;
            /** @description The BlueJeans meeting passcode grant is enabled for this provider. */
            meetingGrant: boolean;
            /** @description The client credentials grant is enabled for this provider. */
            clientCredentials: boolean;
            /** @description The provider's back-channel logout tokens end BFF sessions (`POST /v1/auth/{provider}/backchannel-logout`). */
            backchannelLogout: boolean;
            /** @description `POST /v1/auth/logout?provider={id}&upstream=true` also ends the session at the provider (RP-initiated logout). */
            rpInitiatedLogout: boolean;
            /** @description Logins push their authorization parameters first (RFC 9126 PAR). */
            par: boolean;
            /** @description Upstream tokens are DPoP-bound (RFC 9449): enabled in the providers file (`oidc.dpop`) and advertised with ES256; proofs on token requests and relayed calls. */
            dpop: boolean;
        };
        ProviderGrantsDto: {
            /** @description `POST /v1/auth/{provider}/password` is available. */
            password: boolean;
            /** @description `POST /v1/auth/{provider}/meeting` is available. */
            meeting: boolean;
            /** @description App tokens through the client credentials grant are available. */
            clientCredentials: boolean;
        };
        ProviderSummaryDto: {
            /** @description Provider id used in every `/v1/auth/{provider}/...` route. */
            id: string;
            /**
             * @description Which adapter serves this provider.
             * @enum {string}
             */
            kind: "bluejeans" | "genesys" | "calcom" | "phonecom" | "generic";
            /** @description Human-readable name for a login button. */
            displayName: string;
            capabilities: components["schemas"]["ProviderCapabilitiesDto"];
            /** @description Where a browser starts the login; append `?returnTo=/path` to come back somewhere. */
            loginUrl: string;
            grants: components["schemas"]["ProviderGrantsDto"];
        };
        NativeTokenRequestDto: {
            /**
             * @description The one-time hand-off code from the app redirect (`?code=`); valid for 60 s, once.
             * @example q3J9bS0xQ2x2dF9Wb3N0c2VjcmV0LW5vdC1yZWFsLWNvZGU
             */
            code: string;
            /**
             * @description The PKCE verifier whose S256 challenge the app sent to `/login` (RFC 7636: 43-128 unreserved characters).
             * @example dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
             */
            codeVerifier: string;
        };
        NativeTokenResponseDto: {
            /**
             * @description Opaque session token for `Authorization: Bearer`; not a provider token.
             * @example Xk2c1rG1G0n8Fh4a9Qy5lq1b0r3tN3Z2w7k8Jd6s0pQ
             */
            token: string;
            /**
             * @example Bearer
             * @enum {string}
             */
            tokenType: "Bearer";
            /**
             * @description Absolute expiry of the session (ISO 8601); idle expiry comes sooner without use.
             * @example 2026-04-01T12:00:00.000Z
             */
            expiresAt: string;
        };
        MeUserDto: {
            id: string;
            displayName: string;
            email: string | null;
            roles: string[];
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601, or null before the first completed login. */
            lastLoginAt: string | null;
        };
        LinkedAccountDto: {
            /**
             * @description How the link was obtained: authorization_code, password, meeting_passcode or client_credentials.
             * @enum {string}
             */
            grantType: "authorization_code" | "password" | "meeting_passcode" | "client_credentials";
            /** @description Provider id from the providers file. */
            provider: string;
            /** @description The user's stable identifier at the provider. */
            subject: string;
            /** @description Scopes the provider granted. */
            scopes: string[];
            /**
             * @description active, revoked, or refresh_failed (the user must log in with this provider again).
             * @enum {string}
             */
            status: "active" | "revoked" | "refresh_failed";
            /** @description When the stored access token expires (ISO 8601), or null when the provider did not say. */
            accessExpiresAt: string | null;
            /** @description When the stored refresh token expires (ISO 8601), or null when unknown or there is none. */
            refreshExpiresAt: string | null;
            /** @description When the account was first linked (ISO 8601). */
            linkedAt: string;
        };
        MeSessionDto: {
            id: string;
            /** @enum {string} */
            kind: "web" | "native";
            /** @description ISO 8601 */
            createdAt: string;
            /** @description Absolute expiry, ISO 8601; idle expiry comes sooner without activity. */
            expiresAt: string;
            /** @description Provider-specific context of this session (e.g. a meeting role); never a token. */
            context?: {
                [key: string]: unknown;
            };
        };
        MeDto: {
            user: components["schemas"]["MeUserDto"];
            /** @description Linked upstream accounts; tokens never appear here. */
            linkedAccounts: components["schemas"]["LinkedAccountDto"][];
            session: components["schemas"]["MeSessionDto"];
        };
        PasswordLoginRequestDto: {
            /** @example alice */
            username: string;
            /**
             * Format: password
             * @description Sent once to the provider; never stored or logged.
             * @example alice-password
             */
            password: string;
        };
        MeetingContextDto: {
            /** @example 1234567890 */
            id: string;
            /** @example false */
            isModerator: boolean;
        };
        GrantLoginResponseDto: {
            /**
             * @description Public id of the new session (as in GET /v1/sessions).
             * @example 7b0d2c8e-3f0a-4c65-9d8e-0d6f1f3a2b11
             */
            sessionId: string;
            /** @example bluejeans */
            provider: string;
            /**
             * @description Absolute expiry (ISO 8601); for a meeting session, when the meeting token expires.
             * @example 2026-04-01T12:00:00.000Z
             */
            expiresAt: string;
            /** @description Meeting logins only. */
            meeting?: components["schemas"]["MeetingContextDto"];
        };
        MeetingLoginRequestDto: {
            /**
             * @description The meeting's numeric id as participants know it.
             * @example 1234567890
             */
            meetingId: string;
            /**
             * Format: password
             * @description Moderator or attendee passcode; which one decides the role.
             * @example 1234
             */
            passcode: string;
        };
        ClientCredentialsRequestDto: {
            /**
             * @description Scopes to ask for; the provider's configured scopes when absent.
             * @example [
             *       "users:readonly"
             *     ]
             */
            scopes?: string[];
        };
        ClientCredentialsResponseDto: {
            /** @example genesys */
            provider: string;
            /**
             * @description Scopes the token carries (as the provider names them, or as requested when it does not say).
             * @example [
             *       "users:readonly"
             *     ]
             */
            scopes: string[];
            /**
             * @description When the cached token expires (ISO 8601). The token itself is never shown.
             * @example 2026-04-01T12:00:00.000Z
             */
            expiresAt: string;
        };
        TokenInfoDto: {
            /** @example bluejeans */
            provider: string;
            /**
             * @description The provider's answer as it gave it, with credential-named keys masked. Shape differs per provider.
             * @example {
             *       "scope": {
             *         "user": 1001,
             *         "enterprise": 1
             *       },
             *       "expires_in": 3599
             *     }
             */
            info: {
                [key: string]: unknown;
            };
            /**
             * @description When the provider was asked (ISO 8601).
             * @example 2026-04-01T12:00:00.000Z
             */
            fetchedAt: string;
            /**
             * @description True when served from the short cache (TOKEN_INFO_CACHE_SECONDS).
             * @example false
             */
            cached: boolean;
        };
        UpstreamLogoutDto: Record<string, never>;
        ScopeDto: {
            /** @example analytics:readonly */
            id: string;
            description?: string;
        };
        ScopeListDto: {
            items: components["schemas"]["ScopeDto"][];
            total: number;
            /**
             * @description The language the provider answered in.
             * @example en-us
             */
            language: string;
        };
        EntityRefDto: {
            id: string;
            name?: string;
        };
        AuthorizationDto: {
            client: components["schemas"]["EntityRefDto"];
            scopes: string[];
            roles: components["schemas"]["EntityRefDto"][];
            /** @description `Unauthorized`, `Requested`, `Authorized` or `Revoked`. */
            state?: string;
            pending?: boolean;
            createdAt?: string;
            modifiedAt?: string;
        };
        AuthorizationListDto: {
            items: components["schemas"]["AuthorizationDto"][];
            total: number;
            language: string;
        };
        GenesysClientFieldsDto: {
            roleIds: string[];
            roleDivisions: {
                roleId: string;
                divisionId: string;
            }[];
            /** @description ISO 8601, when Genesys will delete the client. */
            dateToDelete?: string;
            createdBy?: components["schemas"]["EntityRefDto"];
            modifiedBy?: components["schemas"]["EntityRefDto"];
        };
        BlueJeansClientFieldsDto: {
            appLogoUrl?: string;
            /** @description The BlueJeans user the application belongs to. */
            ownerUserId: string;
        };
        GenericClientFieldsDto: {
            tokenEndpointAuthMethod?: string;
            /** @description Epoch seconds at which the secret expires (0 = never), per RFC 7591. */
            clientSecretExpiresAt?: number;
        };
        ProviderFieldsDto: {
            genesys?: components["schemas"]["GenesysClientFieldsDto"];
            bluejeans?: components["schemas"]["BlueJeansClientFieldsDto"];
            generic?: components["schemas"]["GenericClientFieldsDto"];
        };
        ClientDto: {
            /**
             * @example [
             *       "authorization_code"
             *     ]
             */
            grantTypes: ("authorization_code" | "implicit" | "password" | "client_credentials" | "refresh_token" | "saml2_bearer")[];
            /** @example genesys */
            provider: string;
            /**
             * @description The upstream client id.
             * @example 4f0c1a52-7d57-4c07-9a1d-8f2b7e1c3a90
             */
            id: string;
            /** @example Reporting dashboard */
            name: string;
            description?: string;
            redirectUris: string[];
            scopes: string[];
            /** @enum {string} */
            state?: "active" | "disabled" | "inactive";
            accessTokenValiditySeconds?: number;
            /** @description ISO 8601 */
            createdAt?: string;
            /** @description ISO 8601 */
            modifiedAt?: string;
            /**
             * @description `upstream`: read from the provider; `bff-registry`: the provider cannot list or read clients, this is the BFF's own record.
             * @enum {string}
             */
            source: "upstream" | "bff-registry";
            providerFields: components["schemas"]["ProviderFieldsDto"];
        };
        PageDto: {
            /** @description 1-based. */
            number: number;
            size: number;
            /** @description Total items, when the provider says. */
            total?: number;
            pageCount?: number;
            hasNext: boolean;
        };
        ClientPageDto: {
            items: components["schemas"]["ClientDto"][];
            page: components["schemas"]["PageDto"];
            /** @enum {string} */
            source: "upstream" | "bff-registry";
        };
        RoleDivisionDto: {
            roleId: string;
            divisionId: string;
        };
        GenesysClientInputDto: {
            roleIds?: string[];
            roleDivisions?: components["schemas"]["RoleDivisionDto"][];
            /** @description ISO 8601 date-time at which Genesys deletes the client. */
            dateToDelete?: string;
        };
        BlueJeansClientInputDto: {
            /** @description An absolute https URL of the application's logo. */
            appLogoUrl?: string;
        };
        ProviderFieldsInputDto: {
            genesys?: components["schemas"]["GenesysClientInputDto"];
            bluejeans?: components["schemas"]["BlueJeansClientInputDto"];
        };
        ClientInputDto: {
            /**
             * @example [
             *       "authorization_code"
             *     ]
             */
            grantTypes?: ("authorization_code" | "implicit" | "password" | "client_credentials" | "refresh_token" | "saml2_bearer")[];
            /** @example Reporting dashboard */
            name: string;
            /** @example Reads queue statistics every minute */
            description?: string;
            /**
             * @example [
             *       "https://dashboard.example.com/callback"
             *     ]
             */
            redirectUris?: string[];
            /**
             * @example [
             *       "analytics:readonly"
             *     ]
             */
            scopes?: string[];
            /** @enum {string} */
            state?: "active" | "disabled" | "inactive";
            /** @description Lifetime of access tokens issued to the client (Genesys: 300..172800, default 86400). */
            accessTokenValiditySeconds?: number;
            providerFields?: components["schemas"]["ProviderFieldsInputDto"];
        };
        ClientWithSecretDto: {
            /**
             * @example [
             *       "authorization_code"
             *     ]
             */
            grantTypes: ("authorization_code" | "implicit" | "password" | "client_credentials" | "refresh_token" | "saml2_bearer")[];
            /** @example genesys */
            provider: string;
            /**
             * @description The upstream client id.
             * @example 4f0c1a52-7d57-4c07-9a1d-8f2b7e1c3a90
             */
            id: string;
            /** @example Reporting dashboard */
            name: string;
            description?: string;
            redirectUris: string[];
            scopes: string[];
            /** @enum {string} */
            state?: "active" | "disabled" | "inactive";
            accessTokenValiditySeconds?: number;
            /** @description ISO 8601 */
            createdAt?: string;
            /** @description ISO 8601 */
            modifiedAt?: string;
            /**
             * @description `upstream`: read from the provider; `bff-registry`: the provider cannot list or read clients, this is the BFF's own record.
             * @enum {string}
             */
            source: "upstream" | "bff-registry";
            providerFields: components["schemas"]["ProviderFieldsDto"];
            /** @description The client secret. Shown this once; the BFF does not keep it. */
            secret: string;
        };
        UsageRowDto: {
            /**
             * @description Start of the Day / Week (Monday) / Month bucket, UTC, ISO 8601.
             * @example 2026-11-29T00:00:00.000Z
             */
            date: string;
            /** @example genesys */
            provider?: string;
            /** @example /api/v2/users/me */
            templateUri?: string;
            /** @example GET */
            httpMethod?: string;
            /** Format: uuid */
            userId?: string;
            /** @description Upstream only: the OAuth client. */
            clientId?: string;
            /** @description Upstream only. */
            clientName?: string;
            /** @description Upstream only. */
            organizationId?: string;
            status200?: number;
            status300?: number;
            /** @description 4xx other than 429. */
            status400?: number;
            status500?: number;
            status429?: number;
            requests?: number;
        };
        UsageCursorsDto: {
            before?: string;
            after?: string;
        };
        UsageResultsDto: {
            results: components["schemas"]["UsageRowDto"][];
            /**
             * @description Always `Complete` here; kept so the shape matches the upstream's.
             * @enum {string}
             */
            queryStatus: "Complete";
            /** @description The upstream's paging cursors, passed through (absent for local usage). */
            cursors?: components["schemas"]["UsageCursorsDto"];
        };
        UsageQueryRequestDto: {
            /**
             * @description ISO-8601 `start/end`; start before end, at most the provider's limit (366 days for Genesys).
             * @example 2026-11-01T00:00:00Z/2026-11-29T00:00:00Z
             */
            interval: string;
            /**
             * @default Day
             * @enum {string}
             */
            granularity: "Day" | "Week" | "Month";
            metrics?: ("Status200" | "Status300" | "Status400" | "Status500" | "Status429" | "Requests")[];
            groupBy?: ("OAuthClientId" | "OrganizationId" | "TemplateUri" | "HttpMethod")[];
        };
        UsageQueryResourceDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "running" | "complete" | "failed";
            /** @example genesys */
            provider: string;
            clientId: string;
            /** @enum {string} */
            kind: "query" | "summary";
            /** @example 2026-11-29T12:00:00.000Z */
            createdAt: string;
            /**
             * @description After this the id answers 410 `usage_query_expired`.
             * @example 2026-11-29T13:00:00.000Z
             */
            expiresAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Acting user id. */
                actor?: string;
                action?: string;
                /** @description Provider id recorded with the event. */
                provider?: string;
                /** @description Inclusive lower bound, ISO 8601. */
                from?: string;
                /** @description Exclusive upper bound, ISO 8601. */
                to?: string;
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            /** @description A filter or the cursor is malformed (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The session lacks the ops role (`forbidden`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessDto"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessDto"];
                };
            };
            /** @description A dependency is down or the instance is shutting down; `checks` names which. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    listMySessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    revokeMyOtherSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedCountDto"];
                };
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Cookie request without `X-CSRF: 1` or from a foreign Origin (`csrf_rejected`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    revokeMySession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Session id (from GET /v1/sessions) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session has ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `id` is not a UUID (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Cookie request without `X-CSRF: 1` or from a foreign Origin (`csrf_rejected`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such session among mine (`session_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            /** @description `id` is not a UUID (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The session lacks the ops role (`forbidden`), or a CSRF check failed (`csrf_rejected`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    revokeUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedCountDto"];
                };
            };
            /** @description `id` is not a UUID (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The session lacks the ops role (`forbidden`), or a CSRF check failed (`csrf_rejected`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderSummaryDto"][];
                };
            };
        };
    };
    nativeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NativeTokenRequestDto"];
            };
        };
        responses: {
            /** @description A native session; send the token as `Authorization: Bearer`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NativeTokenResponseDto"];
                };
            };
            /** @description `invalid_handoff` (wrong, expired or reused code, or wrong verifier; one message for all) or `validation_failed` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `token-exchange` limit per client IP address (RATE_LIMIT_TOKEN_EXCHANGE) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    login: {
        parameters: {
            query?: {
                /** @description With client=native: the app's own state (1-256 URL-safe characters), echoed on its redirect. */
                state?: unknown;
                /** @description With client=native: the app's S256 PKCE challenge (43 base64url characters). */
                codeChallenge?: unknown;
                /** @description With client=native: must equal one of NATIVE_REDIRECT_URIS exactly (400 native_redirect_uri_invalid otherwise). */
                redirectUri?: unknown;
                /** @description Native apps (RFC 8252): the callback then redirects to `redirectUri` with a one-time hand-off code instead of setting a cookie. */
                client?: "native";
                /** @description Same-origin path or a URL on a configured app origin; anything else becomes /. */
                returnTo?: unknown;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the provider */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown provider (problem+json, code provider_not_found) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `login` limit per client IP address (RATE_LIMIT_LOGIN) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    callback: {
        parameters: {
            query?: {
                error?: unknown;
                /** @description RFC 9207 issuer; must match the transaction when present. */
                iss?: unknown;
                /** @description Absent for providers that do not echo it (Cal.com); the binding cookie then names the transaction. */
                state?: unknown;
                code?: unknown;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged in: redirect to returnTo with the session cookie set */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, wrong, reused or foreign state; provider error; failed exchange (problem+json), when no app destination is known. Otherwise the failure redirects (302) to returnTo or LOGIN_ERROR_URL with `error=<code>&requestId=<id>`, or for a native login to its redirect URI with `error`, `state` and `requestId`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `login` limit per client IP address (RATE_LIMIT_LOGIN) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description No valid session (problem+json, code unauthenticated) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    logout: {
        parameters: {
            query?: {
                everywhere?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out; the cookie is cleared and Clear-Site-Data asks the browser to drop cookies. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    unlink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown provider, or no account of that provider is linked (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    passwordLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordLoginRequestDto"];
            };
        };
        responses: {
            /** @description Signed in; the session cookie is set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantLoginResponseDto"];
                };
            };
            /** @description `validation_failed` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_credentials`: one message for every refusal */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: missing X-CSRF header or foreign Origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `grant_not_enabled` for this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` with Retry-After: over the `grants` limit per client IP (RATE_LIMIT_GRANTS), or too many attempts from this IP or for this username (PASSWORD_GRANT_*)
             *
             *     `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `grants` limit per client IP address (RATE_LIMIT_GRANTS)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    meetingLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingLoginRequestDto"];
            };
        };
        responses: {
            /** @description Joined; the session cookie is set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantLoginResponseDto"];
                };
            };
            /** @description `validation_failed` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_meeting_passcode`: unknown meeting or wrong passcode */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: missing X-CSRF header or foreign Origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `grant_not_enabled` for this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `grants` limit per client IP address (RATE_LIMIT_GRANTS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    clientCredentialsCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientCredentialsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientCredentialsResponseDto"];
                };
            };
            /** @description `forbidden` without the ops role; `csrf_rejected` for cookie requests without X-CSRF */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `grant_not_enabled` for this provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    tokenInfo: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenInfoDto"];
                };
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `token_info_not_supported` for this provider, or `provider_not_linked` with `loginUrl` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    backchannelLogout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description The provider-signed logout token (JWT). */
                    logout_token: string;
                };
            };
        };
        responses: {
            /** @description The token was valid; matching sessions (if any) ended. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or unacceptable logout token (problem+json, code and error `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `backchannel-logout` limit per provider (all instances together) (RATE_LIMIT_BACKCHANNEL_LOGOUT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    upstreamLogout: {
        parameters: {
            query?: {
                /** @description Same-origin path or a URL on a configured app origin; anything else becomes /. */
                returnTo?: string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out here; the cookie is cleared. Navigate to endSessionUrl to log out at the provider. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpstreamLogoutDto"];
                };
            };
            /** @description The provider does not support RP-initiated logout (upstream_not_supported) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    logoutReturn: {
        parameters: {
            query?: {
                state?: unknown;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the app */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayGet: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayPut: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayPost: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayDelete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayOptions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayHead: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    relayPatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped. */
                "X-Return-To"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: unknown;
                /** @description Upstream path below the API base URL; must match an allowlist template */
                path: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's answer, status and body passed through */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters) (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist) (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `method_not_allowed`, with an `Allow` header (problem+json) */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `payload_too_large`: request body over RELAY_MAX_BODY_BYTES (problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy (problem+json) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry) (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token refresh unavailable or rate limited, with `Retry-After` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS (problem+json) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listScopes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Language of descriptions; the first tag is passed upstream (default `en-us`) */
                "Accept-Language"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScopeListDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getScope: {
        parameters: {
            query?: never;
            header?: {
                /** @description Language of descriptions; the first tag is passed upstream (default `en-us`) */
                "Accept-Language"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: string;
                scopeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScopeDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listAuthorizations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Language of descriptions; the first tag is passed upstream (default `en-us`) */
                "Accept-Language"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationListDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getAuthorization: {
        parameters: {
            query?: never;
            header?: {
                /** @description Language of descriptions; the first tag is passed upstream (default `en-us`) */
                "Accept-Language"?: string;
            };
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listClients: {
        parameters: {
            query?: {
                pageSize?: number;
                /** @description 1-based. */
                pageNumber?: number;
            };
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientPageDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientInputDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientWithSecretDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientInputDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    regenerateClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientWithSecretDto"];
                };
            };
            /** @description `validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict` (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_failed` (the provider answered 5xx) or `upstream_bad_response` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable` (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    localUsage: {
        parameters: {
            query?: {
                /** @description Start of the range (inclusive, ISO 8601); default: 7 days before `to`. */
                from?: string;
                /** @description End of the range (exclusive, ISO 8601); default: now. */
                to?: string;
                provider?: string;
                /** @description Ops only (`/v1/usage/local`); `/local/me` always uses the caller. */
                userId?: string;
                /** @description An allowlist route template exactly as configured, e.g. `/api/v2/users/me`. */
                route?: string;
                statusClass?: "2xx" | "3xx" | "4xx" | "429" | "5xx";
                granularity?: "Day" | "Week" | "Month";
                /** @description Comma-separated: any of Provider, TemplateUri, HttpMethod, UserId. */
                groupBy?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageResultsDto"];
                };
            };
            /** @description Unknown parameter, bad value, `from` not before `to`, range over 400 days (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The session lacks the ops role (`forbidden`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    myLocalUsage: {
        parameters: {
            query?: {
                /** @description Start of the range (inclusive, ISO 8601); default: 7 days before `to`. */
                from?: string;
                /** @description End of the range (exclusive, ISO 8601); default: now. */
                to?: string;
                provider?: string;
                /** @description Ops only (`/v1/usage/local`); `/local/me` always uses the caller. */
                userId?: string;
                /** @description An allowlist route template exactly as configured, e.g. `/api/v2/users/me`. */
                route?: string;
                statusClass?: "2xx" | "3xx" | "4xx" | "429" | "5xx";
                granularity?: "Day" | "Week" | "Month";
                /** @description Comma-separated: any of Provider, TemplateUri, HttpMethod, UserId. */
                groupBy?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageResultsDto"];
                };
            };
            /** @description Unknown parameter, bad value, `from` not before `to`, range over 400 days (`validation_failed`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid session (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    startUsageQuery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream OAuth client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsageQueryRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    /** @description The query resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageQueryResourceDto"];
                };
            };
            /** @description `validation_failed` (interval, enums, days, waitSeconds), or `upstream_bad_request` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`, or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported`, `usage_query_not_found` (unknown or someone else's), or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_expired` (problem+json) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_failed` (the upstream reported Failed, with its reason), `upstream_failed` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`) (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    startUsageSummary: {
        parameters: {
            query?: {
                /** @description Previous number of days; default 7. */
                days?: number;
            };
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                /** @description Upstream OAuth client id */
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    /** @description The query resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageQueryResourceDto"];
                };
            };
            /** @description `validation_failed` (interval, enums, days, waitSeconds), or `upstream_bad_request` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`, or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported`, `usage_query_not_found` (unknown or someone else's), or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_expired` (problem+json) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_failed` (the upstream reported Failed, with its reason), `upstream_failed` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`) (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readUsageQuery: {
        parameters: {
            query?: {
                /** @description Poll the upstream (with backoff) for up to this long and answer as soon as the result is complete. */
                waitSeconds?: number;
            };
            header?: never;
            path: {
                /** @description Configured provider id */
                provider: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageResultsDto"];
                };
            };
            /** @description Still running; ask again after `Retry-After` seconds. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageQueryResourceDto"];
                };
            };
            /** @description `validation_failed` (interval, enums, days, waitSeconds), or `upstream_bad_request` (problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `csrf_rejected`, or `upstream_forbidden` naming `missingPermissions` (problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_found`, `capability_not_supported`, `usage_query_not_found` (unknown or someone else's), or `upstream_not_found` (problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_expired` (problem+json) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `too_many_requests` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the `management` limit per session (RATE_LIMIT_MANAGEMENT)
             *
             *     `upstream_rate_limited`, with `Retry-After` (problem+json)
             */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `usage_query_failed` (the upstream reported Failed, with its reason), `upstream_failed` (problem+json) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`) (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
