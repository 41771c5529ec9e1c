/** The dashboard's Stores (open-stores.ts), for every capability's ports. */
export const STORES = Symbol('Stores');
