// The public surface of Tandem's portable core. Nothing here imports a platform API.
export * from './replica';
export * from './sync';
export * from './protocol';
export * from './rules';
