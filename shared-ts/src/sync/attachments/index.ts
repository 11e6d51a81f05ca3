/**
 * Attachments through the rendezvous: the pure core of a receiver-driven, chunked, hashed,
 * capped transfer. docs/protocol.md, "Attachments".
 */
export * from './attachment-limits';
export * from './attachment-transfer';
export * from './assemble-attachment';
export * from './attachment-hash';
