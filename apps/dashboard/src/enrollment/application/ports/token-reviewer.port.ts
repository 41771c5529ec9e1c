/**
 * What a TokenReview answered (authentication.k8s.io/v1 TokenReviewStatus),
 * as far as enrollment reads it.
 */
export interface TokenReviewStatus {
  authenticated: boolean;
  /** The service account, as `system:serviceaccount:NAMESPACE:NAME`. */
  username?: string;
  /** The audiences of the token that are among those asked for. */
  audiences: string[];
  /** The user's extra attributes: for a pod-bound token, its pod and node. */
  extra: Record<string, string[]>;
  /** Why the token was not authenticated. */
  error?: string;
}

/** The API could not be asked, or did not answer as documented: nothing is known about the token. */
export class TokenReviewUnavailableError extends Error {}

/** Asks the cluster's API server whether a service-account token is valid. */
export interface TokenReviewer {
  /** Rejects with TokenReviewUnavailableError when the API cannot answer. */
  review(token: string, audience: string): Promise<TokenReviewStatus>;
}

export const TOKEN_REVIEWER = Symbol('TokenReviewer');
