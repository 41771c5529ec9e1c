/** An agent's connection as the application sees it (a WebSocket is one as it is). */
export interface AgentLink {
  close(code: number, reason: string): void;
  /** The one data message the dashboard sends an agent: its enrollment reply. */
  send(text: string): void;
  /** LINK_OPEN while it can send; anything else once it is closing or closed. */
  readonly readyState: number;
}

/** `readyState` of an open link (WebSocket's OPEN). */
export const LINK_OPEN = 1;
