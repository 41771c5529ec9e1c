/**
 * Puts setTimeout and setInterval (the agent's sample interval, pings, pong
 * deadlines and reconnect delays) on jest's clock, so a test moves time with
 * jest.advanceTimersByTime instead of waiting for it. Date, microtasks,
 * setImmediate and all I/O stay real: sockets and files work as usual, and
 * the test helpers' deadlines (see waiters.ts) still expire.
 */
export function fakeTheAgentTimers(): void {
  jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });
}
