export * from './app-config';
export * from './load-config';
export * from './config.module';
export { EnvDto } from './env.dto';
