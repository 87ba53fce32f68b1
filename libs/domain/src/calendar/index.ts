export * from './local-date';
export * from './lunar-calendar';
export * from './business-time';
export * from './holiday-rules';
export * from './official-notices';
export * from './working-calendar';
