// The errors live in common/ so the session check can answer reauth_required too.
export { loginUrlFor, ProviderNotLinkedError, ReauthRequiredError } from '../../common/errors/login-required.js';
