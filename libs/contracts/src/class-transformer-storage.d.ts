// class-transformer ships the metadata storage (what @Expose/@Type record) without typings for its path.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
