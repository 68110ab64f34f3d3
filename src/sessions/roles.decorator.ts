import { SetMetadata } from '@nestjs/common';

export const ROLES_KEY = 'sessions:roles';

/** The session must carry at least one of these roles (RolesGuard answers 403 `forbidden` otherwise). */
export const Roles = (...roles: string[]): ClassDecorator & MethodDecorator => SetMetadata(ROLES_KEY, roles);
