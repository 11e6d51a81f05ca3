/**
 * Invitation code v1: how two sites are paired. The initiator (the site that hosts the
 * rendezvous, Jira) makes a code; an admin pastes it into the other site, which sends a `hello`.
 * The byte layout is in docs/protocol.md ("Invitation codes").
 */
import type { SiteInfo } from './message-envelope';

/** The invitation format version this code writes and reads. */
export const INVITATION_VERSION = 1;

/** Every code starts with this (then base64url); the digit is the format version. */
export const INVITATION_PREFIX = `TANDEM${INVITATION_VERSION}-`;

/** How long an invitation is valid unless told otherwise: 24 hours. */
export const DEFAULT_INVITATION_TTL_MS = 24 * 60 * 60 * 1000;

/** Shortest and longest lifetimes `createInvitation` accepts. */
export const MIN_INVITATION_TTL_MS = 60 * 1000;
export const MAX_INVITATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Longest text `parseInvitation` reads, in characters: the longest code (about 3,500 characters,
 * with names and URLs at their limits) with room for the line breaks and spaces that mail clients
 * and chat add. Longer text is refused before it is looked at (`invitation-too-long`).
 */
export const MAX_INVITATION_CODE_CHARS = 16 * 1024;

/** Longest connection and site names, in UTF-8 bytes. */
export const MAX_INVITATION_NAME_BYTES = 200;

/** Longest URLs, in UTF-8 bytes. */
export const MAX_INVITATION_URL_BYTES = 1024;

/** What an invitation code carries. */
export interface Invitation {
  version: typeof INVITATION_VERSION;
  /** Names this invitation (32 lowercase hex digits); a hello quotes it. */
  invitationId: string;
  connectionId: string;
  /** What both admins will see the connection called. */
  connectionName: string;
  /** The initiator's site. */
  site: SiteInfo;
  /** Where the accepting side sends its messages (the initiator's web trigger). */
  rendezvousUrl: string;
  /** 32 random bytes, base64url: signs the hello, and seeds the connection secret. */
  secret: string;
  /** ISO-8601 UTC, whole seconds. */
  createdAt: string;
  /** ISO-8601 UTC, whole seconds; the code is refused from this instant on. */
  expiresAt: string;
}
