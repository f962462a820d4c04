/** The whole data model (../shared/DESIGN.md "Data model"); every row type derives from these tables. */
export * from './people.ts';
export * from './content.ts';
export * from './learning.ts';
export * from './ai.ts';
export * from './ops.ts';
export * from './sel.ts';
export * from './safety.ts';
