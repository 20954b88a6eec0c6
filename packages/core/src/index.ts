export * from './errors.js';
export * from './i18n/index.js';
export * from './registry/industry.js';
export * from './registry/organisation.js';
export * from './registry/taxonomy.js';
export * from './registry/uscc.js';
export * from './registry/synthetic.js';
export * from './random.js';
