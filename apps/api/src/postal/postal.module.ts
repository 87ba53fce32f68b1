import { Module } from '@nestjs/common';
import { PostalModule as PostalUseCasesModule } from '@app/core';
import { PostalController } from './postal.controller';

@Module({ imports: [PostalUseCasesModule], controllers: [PostalController] })
export class PostalModule {}
