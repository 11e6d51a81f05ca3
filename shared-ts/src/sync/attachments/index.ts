/**
 * Attachments through the rendezvous: the pure core of a receiver-driven, chunked, hashed,
 * capped transfer. docs/protocol.md, "Attachments".
 */
export * from './attachment-limits';
export * from './attachment-transfer';
export * from './assemble-attachment';
export * from './attachment-hash';
export * from './attachment-ports';
export * from './answer-attachment-wants';
export * from './queue-attachment-wants';
export * from './take-attachment-answer';
