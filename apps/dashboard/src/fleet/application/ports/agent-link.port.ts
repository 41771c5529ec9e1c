/** An agent's connection as the application sees it: it can only be closed (the dashboard sends agents no data). */
export interface AgentLink {
  close(code: number, reason: string): void;
}
