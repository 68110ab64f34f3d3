import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserEntity } from './user.entity.js';

export interface UserProfile {
  displayName: string;
  email?: string | null;
}

/** Users are created at first login and touched at every later one. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async create(profile: UserProfile, roles: string[]): Promise<UserEntity> {
    return this.users.save(
      this.users.create({ displayName: profile.displayName.slice(0, 200), email: profile.email ?? null, roles, lastLoginAt: new Date() }),
    );
  }

  async findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Records a login; roles only grow here (ops is granted by config, never removed by a login elsewhere). */
  async recordLogin(user: UserEntity, extraRoles: string[]): Promise<UserEntity> {
    user.lastLoginAt = new Date();
    user.roles = [...new Set([...user.roles, ...extraRoles])];
    return this.users.save(user);
  }

  async remove(id: string): Promise<void> {
    await this.users.delete({ id });
  }
}
