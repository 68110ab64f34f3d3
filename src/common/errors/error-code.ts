/** Stable, machine-readable error codes. Clients switch on these; never rename one. */
export enum ErrorCode {
  BadRequest = 'bad_request',
  ValidationFailed = 'validation_failed',
  MalformedJson = 'malformed_json',
  UnsupportedMediaType = 'unsupported_media_type',
  PayloadTooLarge = 'payload_too_large',
  JsonTooDeep = 'json_too_deep',
  RouteNotFound = 'route_not_found',
  MethodNotAllowed = 'method_not_allowed',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  TooManyRequests = 'too_many_requests',
  DependencyUnavailable = 'dependency_unavailable',
  ShuttingDown = 'shutting_down',
  Internal = 'internal_error',
}
