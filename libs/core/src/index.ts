export * from './core.module';
export * from './clock/clock';
export * from './applications/application.view';
export * from './applications/application-event';
export * from './applications/intake.service';
export * from './applications/transition.service';
export * from './applications/transition-changes';
export * from './applications/application-query.service';
