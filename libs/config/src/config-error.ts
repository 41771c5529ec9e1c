/** A configuration problem, naming the key and the reason; stops the process at start. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`config: ${key}: ${reason}`);
    this.name = 'ConfigError';
  }
}
