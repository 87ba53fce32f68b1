export * from './document-checklist';
