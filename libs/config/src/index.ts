export * from './app-config';
export * from './load-config';
export * from './config.module';
export { EnvDto } from './env.dto';
export { DEV_JWT_SECRET, JWT_SECRET_MIN_BYTES, jwtSecretProblems } from './jwt-secret';
export * from './signing-config';
