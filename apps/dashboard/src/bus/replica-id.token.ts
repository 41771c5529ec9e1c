/** Injection token for this dashboard replica's id: its host name and a random part, new at every start. */
export const REPLICA_ID = Symbol('ReplicaId');
