export * from './identity';
export * from './audit';
export * from './system';
export * from './tracking';
export * from './registry';
export * from './logged-models';
