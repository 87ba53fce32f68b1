import { Module } from '@nestjs/common';
import { DepartmentRepository, UserRepository } from '@app/database';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, UserRepository, DepartmentRepository],
})
export class UsersModule {}
