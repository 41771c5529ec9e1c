type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * The method names of T, checked complete at compile time:
 * `methodsOf<Port>()('a', 'b')` fails to compile while Port has a method not listed.
 */
export function methodsOf<T>() {
  return <const M extends readonly (keyof T & string)[]>(
    ...names: M & ([Exclude<keyof T, M[number]>] extends [never] ? unknown : never)
  ): M => names;
}

/**
 * An object with exactly the named methods, each handing its call to `call`.
 * Only the named ones: a catch-all proxy would also answer `then` or
 * `onModuleInit`, which Nest and `await` probe for.
 */
export function forward<T>(methods: readonly (keyof T & string)[], call: (method: string, args: unknown[]) => Promise<unknown>): T {
  const target: Record<string, AnyMethod> = {};
  for (const method of methods) target[method] = (...args) => call(method, args);
  return target as T;
}

/** Calls `target[method](...args)` for a method named at run time (a message from another thread). */
export function invoke(target: object, method: string, args: unknown[]): Promise<unknown> {
  const fn = (target as Record<string, AnyMethod | undefined>)[method];
  if (typeof fn !== 'function') return Promise.reject(new Error(`no method ${method}`));
  return fn.apply(target, args);
}
