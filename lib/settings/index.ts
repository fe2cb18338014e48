/** Settings: schema and defaults, storage, site rules, replacement rules, import and export. */
export * from './import-export';
export * from './kept-originals';
export * from './migrations';
export * from './regex-guard';
export * from './repair';
export * from './replacement-rules';
export * from './schema';
export * from './site-patterns';
export * from './site-rules';
export * from './storage';
