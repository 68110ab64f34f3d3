import type { SandboxClient, SandboxSeed } from './core/contract.js';

/**
 * The deterministic demo world every sandbox starts from (and returns to on
 * `/_control/reset`). All passwords and client secrets below are PUBLIC DEMO
 * VALUES for the local emulator only; they grant nothing anywhere else.
 * Override the whole seed with SANDBOX_SEED_FILE (a JSON file of this shape).
 */

/** Every Genesys permission the emulated OAuth API checks. */
export const ALL_GENESYS_OAUTH_PERMISSIONS = [
  'oauth:client:view',
  'oauth:client:add',
  'oauth:client:edit',
  'oauth:client:delete',
  'oauth:client:authorize',
  'usage:client:view',
];

/** The BFF's callback for a provider, on both loopback spellings a developer might use. */
function bffCallbacks(providerId: string): string[] {
  return [
    `http://localhost:3000/v1/auth/${providerId}/callback`,
    `http://127.0.0.1:3000/v1/auth/${providerId}/callback`,
  ];
}

/** Plain-HTTP test redirect: tests read the Location header and never follow it. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1/cb';

const BLUEJEANS_SCOPES = ['list_meetings', 'modify_meetings', 'user_info', 'meeting_history', 'modify_user_info'];
const PHONECOM_SCOPES = ['account-owner', 'extension-user', 'methods:ALL'];
const CALCOM_SCOPES = ['READ_PROFILE', 'READ_BOOKING', 'WRITE_BOOKING'];
const GENESYS_SCOPES = ['users:readonly', 'oauth', 'usage:readonly'];

const clients: SandboxClient[] = [
  // BlueJeans client ids are 32-character strings.
  {
    provider: 'bluejeans',
    clientId: 'bluejeans-demo-client-0000000001',
    clientSecret: 'bluejeans-demo-secret',
    name: 'BFF (BlueJeans)',
    redirectUris: bffCallbacks('bluejeans'),
    scopes: BLUEJEANS_SCOPES,
    grants: ['authorization_code', 'refresh_token', 'client_credentials'],
  },
  {
    provider: 'bluejeans',
    clientId: 'bluejeans-test-client-0000000002',
    clientSecret: 'bluejeans-test-secret',
    name: 'Sandbox tests (BlueJeans)',
    redirectUris: [TEST_REDIRECT_URI],
    scopes: BLUEJEANS_SCOPES,
    grants: ['authorization_code', 'refresh_token', 'client_credentials'],
  },
  {
    provider: 'genesys',
    clientId: '0c0ffee0-0000-4000-8000-000000000001',
    clientSecret: 'genesys-demo-secret',
    name: 'BFF (Genesys Cloud)',
    redirectUris: bffCallbacks('genesys'),
    scopes: GENESYS_SCOPES,
    grants: ['CODE'],
  },
  {
    provider: 'genesys',
    clientId: '0c0ffee0-0000-4000-8000-000000000002',
    clientSecret: 'genesys-test-secret',
    name: 'Sandbox tests (Genesys Cloud)',
    redirectUris: [TEST_REDIRECT_URI],
    scopes: GENESYS_SCOPES,
    grants: ['CODE'],
  },
  {
    provider: 'genesys',
    clientId: '0c0ffee0-0000-4000-8000-000000000003',
    clientSecret: 'genesys-service-secret',
    name: 'Sandbox service (Genesys client credentials)',
    redirectUris: [],
    scopes: GENESYS_SCOPES,
    grants: ['CLIENT-CREDENTIALS'],
  },
  {
    provider: 'calcom',
    clientId: 'calcom-demo-client',
    clientSecret: 'calcom-demo-secret',
    name: 'BFF (Cal.com)',
    redirectUris: bffCallbacks('calcom'),
    scopes: CALCOM_SCOPES,
    grants: ['authorization_code', 'refresh_token'],
  },
  {
    provider: 'calcom',
    clientId: 'calcom-test-client',
    clientSecret: 'calcom-test-secret',
    name: 'Sandbox tests (Cal.com)',
    // The `*` entry exercises Cal.com's pattern matching on registered URIs.
    redirectUris: [TEST_REDIRECT_URI, 'http://127.0.0.1:*/calcom/*'],
    scopes: CALCOM_SCOPES,
    grants: ['authorization_code', 'refresh_token'],
  },
  {
    provider: 'phonecom',
    clientId: 'phonecom-demo-client',
    clientSecret: 'phonecom-demo-secret',
    name: 'BFF (Phone.com)',
    redirectUris: bffCallbacks('phonecom'),
    scopes: PHONECOM_SCOPES,
    grants: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
  },
  {
    provider: 'phonecom',
    clientId: 'phonecom-test-client',
    clientSecret: 'phonecom-test-secret',
    name: 'Sandbox tests (Phone.com)',
    redirectUris: [TEST_REDIRECT_URI],
    scopes: PHONECOM_SCOPES,
    grants: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
  },
];

export const DEFAULT_SEED: SandboxSeed = {
  users: [
    {
      id: 1001,
      username: 'alice',
      password: 'alice-password',
      displayName: 'Alice Example',
      email: 'alice@example.test',
      permissions: ['oauth:client:view', 'oauth:client:authorize'],
    },
    {
      id: 1002,
      username: 'bob',
      password: 'bob-password',
      displayName: 'Bob Example',
      email: 'bob@example.test',
      permissions: ['oauth:client:view'],
    },
    {
      id: 1003,
      username: 'ops',
      password: 'ops-password',
      displayName: 'Ops Admin',
      email: 'ops@example.test',
      permissions: ALL_GENESYS_OAUTH_PERMISSIONS,
    },
    {
      id: 1004,
      username: 'noperms',
      password: 'noperms-password',
      displayName: 'No Permissions',
      email: 'noperms@example.test',
      permissions: [],
    },
  ],
  clients,
  meetings: [{ meetingNumericId: '1234567890', moderatorPasscode: '4321', attendeePasscode: '1234', leaderId: 1001 }],
};
