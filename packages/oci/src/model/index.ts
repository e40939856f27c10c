export * from './descriptors';
export * from './digest';
export * from './image-store';
export * from './media-types';
