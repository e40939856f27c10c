export { MemoryImageStore } from './memory-store';
